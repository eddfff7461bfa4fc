import { Router } from '../core/router';
import { notFound } from './gh.errors';
import { GhContext } from './gh.http';
import { canonicalSecretName } from './gh.names';
import { createdOrUpdated, environmentOf, GhCall, ghRoute, noContent, ok, repositoryOf } from './gh.route';
import { openSealedWrite } from './gh.secret-write';
import { SecretScope } from './gh.store';
import { StoredSecret } from './gh.types';
import { paginate, renderSecret } from './gh.view';

const byName = <S extends StoredSecret>(scope: SecretScope<S>): S[] => [...scope.secrets.values()].sort((a, b) => a.name.localeCompare(b.name));

/** The secret named by `:secret_name`, matched case-insensitively (spec §4.4). */
export function secretOf<S extends StoredSecret>(call: GhCall, scope: SecretScope<S>): S {
  const secret = scope.secrets.get(canonicalSecretName(call.request.params['secret_name']));
  if (!secret) throw notFound();
  return secret;
}

/** `{ total_count, secrets }` for one page, with the `link` header. */
export function secretPage<T>(call: GhCall, items: T[]) {
  const { page, headers } = paginate(call.request, items);
  return ok({ total_count: items.length, secrets: page }, headers);
}

interface ScopedSecretApi {
  /** Path up to and excluding `/secrets`. */
  base: string;
  scopeOf: (call: GhCall) => SecretScope;
  /** Octokit's method names, used as operation names for faults and counts. */
  operations: { publicKey: string; list: string; get: string; put: string; remove: string };
  /** The noun in the documentation anchors: `repository` or `environment`. */
  docsNoun: string;
}

function addScopedSecretRoutes(router: Router<GhContext>, { base, scopeOf, operations, docsNoun }: ScopedSecretApi): void {
  const article = docsNoun === 'environment' ? 'an' : 'a';
  const docs = (action: string) => `actions/secrets#${action}`;
  router
    .add('GET', `${base}/secrets/public-key`, operations.publicKey, ghRoute('token', docs(`get-${article}-${docsNoun}-public-key`), (call) => ok(scopeOf(call).keys.view())))
    .add('GET', `${base}/secrets`, operations.list, ghRoute('token', docs(`list-${docsNoun}-secrets`), (call) => secretPage(call, byName(scopeOf(call)).map(renderSecret))))
    .add('GET', `${base}/secrets/:secret_name`, operations.get, ghRoute('token', docs(`get-${article}-${docsNoun}-secret`), (call) => ok(renderSecret(secretOf(call, scopeOf(call))))))
    .add(
      'PUT',
      `${base}/secrets/:secret_name`,
      operations.put,
      ghRoute('token', docs(`create-or-update-${article}-${docsNoun}-secret`), (call) => {
        const scope = scopeOf(call);
        const { name, plaintext } = openSealedWrite(call.request, scope);
        return createdOrUpdated(call.context.store.putSecret(scope, name, plaintext));
      }),
    )
    .add(
      'DELETE',
      `${base}/secrets/:secret_name`,
      operations.remove,
      ghRoute('token', docs(`delete-${article}-${docsNoun}-secret`), (call) => {
        const scope = scopeOf(call);
        call.context.store.removeSecret(scope, secretOf(call, scope).name);
        return noContent();
      }),
    );
}

/** Repository and environment secrets (spec §4.2): the same five calls against different keys. */
export function addRepositorySecretRoutes(router: Router<GhContext>): void {
  addScopedSecretRoutes(router, {
    base: '/repos/:owner/:repo/actions',
    scopeOf: repositoryOf,
    operations: { publicKey: 'actions.getRepoPublicKey', list: 'actions.listRepoSecrets', get: 'actions.getRepoSecret', put: 'actions.createOrUpdateRepoSecret', remove: 'actions.deleteRepoSecret' },
    docsNoun: 'repository',
  });
  addScopedSecretRoutes(router, {
    base: '/repos/:owner/:repo/environments/:environment_name',
    scopeOf: (call) => environmentOf(call).environment,
    operations: {
      publicKey: 'actions.getEnvironmentPublicKey',
      list: 'actions.listEnvironmentSecrets',
      get: 'actions.getEnvironmentSecret',
      put: 'actions.createOrUpdateEnvironmentSecret',
      remove: 'actions.deleteEnvironmentSecret',
    },
    docsNoun: 'environment',
  });
}
