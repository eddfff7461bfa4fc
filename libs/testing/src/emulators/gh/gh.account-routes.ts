import { Router } from '../core/router';
import { installationReaches } from './gh.auth';
import { notFound, unprocessable } from './gh.errors';
import { GhContext } from './gh.http';
import { checkedBody } from './gh.request-body';
import { environmentOf, GhCall, ghRoute, ok, repositoryOf } from './gh.route';
import { RepositoryRecord } from './gh.store';
import { isoSeconds, paginate, renderEnvironment, renderMinimalRepository, renderOrganization, renderRepository } from './gh.view';

/** What the emulator's installations are granted; a request's own `permissions` are echoed instead. */
const INSTALLATION_PERMISSIONS = { metadata: 'read', secrets: 'write', environments: 'write', organization_secrets: 'write' };

const NOT_IN_INSTALLATION = 'There is at least one repository that does not exist or is not accessible to the parent installation.';

/**
 * `POST /app/installations/{id}/access_tokens`: a `ghs_` token valid for an hour, optionally narrowed to some of
 * the installation's repositories by `repositories` (names) or `repository_ids`.
 */
function createInstallationToken(call: GhCall) {
  const { store } = call.context;
  const installation = store.installation(Number(call.request.params['installation_id']));
  if (!installation || call.caller.kind !== 'app' || installation.appId !== call.caller.appId) throw notFound();
  const body = call.request.body.length === 0 ? {} : checkedBody(call.request, { repositories: { type: 'array', of: 'string' }, repository_ids: { type: 'array', of: 'integer' } }, []);
  const names = (body['repositories'] as string[] | undefined)?.map((name) => name.toLowerCase());
  const ids = body['repository_ids'] as number[] | undefined;
  const reachable = store.repositoriesOwnedBy(installation.account.login).filter((record) => installationReaches(installation, record.repository));
  const byName = (name: string) => reachable.find((record) => record.repository.name.toLowerCase() === name);
  const byId = (id: number) => reachable.find((record) => record.repository.id === id);
  const requested = names === undefined && ids === undefined ? undefined : [...(names ?? []).map(byName), ...(ids ?? []).map(byId)];
  if (requested?.includes(undefined)) throw unprocessable(NOT_IN_INSTALLATION);
  const narrowed = requested && [...new Set(requested as RepositoryRecord[])];
  const issued = store.issueInstallationToken(installation, narrowed?.map((record) => record.repository.id));
  const permissions = typeof body['permissions'] === 'object' && body['permissions'] !== null ? body['permissions'] : INSTALLATION_PERMISSIONS;
  const selection = narrowed !== undefined || installation.repositoryNames !== undefined ? 'selected' : 'all';
  return {
    status: 201,
    body: {
      token: issued.token,
      expires_at: isoSeconds(issued.expiresAtMs),
      permissions,
      repository_selection: selection,
      ...(narrowed ? { repositories: narrowed.map((record) => renderMinimalRepository(record, call.root)) } : {}),
    },
  };
}

/** The lookups an adapter makes around secrets: the repository (for its id), its environments, the organization. */
export function addAccountRoutes(router: Router<GhContext>): void {
  router
    .add('GET', '/repos/:owner/:repo', 'repos.get', ghRoute('public', 'repos/repos#get-a-repository', (call) => ok(renderRepository(repositoryOf(call), call.root))))
    .add(
      'GET',
      '/repos/:owner/:repo/environments',
      'repos.getAllEnvironments',
      ghRoute('public', 'deployments/environments#list-environments', (call) => {
        const repository = repositoryOf(call);
        const all = [...repository.environments.values()];
        const { page, headers } = paginate(call.request, all);
        return ok({ total_count: all.length, environments: page.map((environment) => renderEnvironment(repository, environment, call.root)) }, headers);
      }),
    )
    .add(
      'GET',
      '/repos/:owner/:repo/environments/:environment_name',
      'repos.getEnvironment',
      ghRoute('public', 'deployments/environments#get-an-environment', (call) => {
        const { repository, environment } = environmentOf(call);
        return ok(renderEnvironment(repository, environment, call.root));
      }),
    )
    .add(
      'GET',
      '/orgs/:org',
      'orgs.get',
      ghRoute('public', 'orgs/orgs#get-an-organization', (call) => {
        const org = call.context.store.organization(call.request.params['org']);
        if (!org) throw notFound();
        return ok(renderOrganization(org, call.root));
      }),
    )
    .add('POST', '/app/installations/:installation_id/access_tokens', 'apps.createInstallationAccessToken', ghRoute('app', 'apps/apps#create-an-installation-access-token-for-an-app', createInstallationToken));
}
