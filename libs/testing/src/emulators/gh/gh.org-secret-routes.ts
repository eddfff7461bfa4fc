import { Router } from '../core/router';
import { GitHubApiError, unprocessable } from './gh.errors';
import { GhContext } from './gh.http';
import { checkedBody } from './gh.request-body';
import { createdOrUpdated, GhCall, ghRoute, noContent, ok, organizationOf, repositoryOf } from './gh.route';
import { secretOf, secretPage } from './gh.secret-routes';
import { openSealedWrite } from './gh.secret-write';
import { OrganizationRecord } from './gh.store';
import { OrgSecret, SECRET_VISIBILITIES, SecretVisibility } from './gh.types';
import { paginate, renderMinimalRepository, renderOrgSecret, renderSecret } from './gh.view';

const ORG_SECRETS = '/orgs/:org/actions/secrets';
const docs = (anchor: string) => `actions/secrets#${anchor}`;

/** Unconfirmed wording (spec §4.5 gives only the status): GitHub's docs describe the 409 this way. */
const NOT_SELECTED_MESSAGE = 'Conflict when visibility type is not set to selected';

const sortedByName = (org: OrganizationRecord) => [...org.secrets.values()].sort((a, b) => a.name.localeCompare(b.name));

/** Ids must name repositories of this organization; anything else is 422 (wording unconfirmed). */
function checkedRepositoryIds(call: GhCall, org: OrganizationRecord, ids: number[]): number[] {
  const owned = new Set(call.context.store.repositoriesOwnedBy(org.account.login).map((record) => record.repository.id));
  const foreign = ids.filter((id) => !owned.has(id));
  if (foreign.length > 0) throw unprocessable(`Repository ids ${foreign.join(', ')} are not repositories of ${org.account.login}.`);
  return ids;
}

function selectedSecretOf(call: GhCall): { org: OrganizationRecord; secret: OrgSecret } {
  const org = organizationOf(call);
  const secret = secretOf(call, org);
  if (secret.visibility !== 'selected') throw new GitHubApiError(409, NOT_SELECTED_MESSAGE);
  return { org, secret };
}

/**
 * `visibility` is required; `selected_repository_ids` only goes with `selected`. An update to `selected` without
 * ids keeps the secret's current selection.
 */
function putOrgSecret(call: GhCall) {
  const org = organizationOf(call);
  const { name, plaintext, body } = openSealedWrite(
    call.request,
    org,
    { visibility: { type: 'enum', values: SECRET_VISIBILITIES }, selected_repository_ids: { type: 'array', of: 'integer' } },
    ['visibility'],
  );
  const visibility = body['visibility'] as SecretVisibility;
  const ids = body['selected_repository_ids'] as number[] | undefined;
  if (ids !== undefined && visibility !== 'selected') throw unprocessable("Selected repositories can only be given when visibility is 'selected'.");
  const kept = org.secrets.get(name)?.selectedRepositoryIds ?? [];
  const selected = visibility !== 'selected' ? [] : ids === undefined ? kept : checkedRepositoryIds(call, org, ids);
  return createdOrUpdated(call.context.store.putOrgSecret(org, name, plaintext, visibility, selected));
}

/** Which org secrets a repository's workflows see: `all`, `private` (private repositories) or `selected`. */
function visibleTo(secret: OrgSecret, repository: { id: number; private: boolean }): boolean {
  if (secret.visibility === 'all') return true;
  if (secret.visibility === 'private') return repository.private;
  return secret.selectedRepositoryIds.includes(repository.id);
}

const repositoryIdParam = (call: GhCall): number => Number.parseInt(call.request.params['repository_id'], 10);

/** Organization secrets and their selected repositories (spec §4.2). */
export function addOrgSecretRoutes(router: Router<GhContext>): void {
  router
    .add('GET', `${ORG_SECRETS}/public-key`, 'actions.getOrgPublicKey', ghRoute('token', docs('get-an-organization-public-key'), (call) => ok(organizationOf(call).keys.view())))
    .add(
      'GET',
      ORG_SECRETS,
      'actions.listOrgSecrets',
      ghRoute('token', docs('list-organization-secrets'), (call) => {
        const org = organizationOf(call);
        return secretPage(call, sortedByName(org).map((secret) => renderOrgSecret(secret, call.root, org.account.login)));
      }),
    )
    .add(
      'GET',
      `${ORG_SECRETS}/:secret_name`,
      'actions.getOrgSecret',
      ghRoute('token', docs('get-an-organization-secret'), (call) => {
        const org = organizationOf(call);
        return ok(renderOrgSecret(secretOf(call, org), call.root, org.account.login));
      }),
    )
    .add('PUT', `${ORG_SECRETS}/:secret_name`, 'actions.createOrUpdateOrgSecret', ghRoute('token', docs('create-or-update-an-organization-secret'), putOrgSecret))
    .add(
      'DELETE',
      `${ORG_SECRETS}/:secret_name`,
      'actions.deleteOrgSecret',
      ghRoute('token', docs('delete-an-organization-secret'), (call) => {
        const org = organizationOf(call);
        call.context.store.removeSecret(org, secretOf(call, org).name);
        return noContent();
      }),
    )
    .add(
      'GET',
      `${ORG_SECRETS}/:secret_name/repositories`,
      'actions.listSelectedReposForOrgSecret',
      ghRoute('token', docs('list-selected-repositories-for-an-organization-secret'), (call) => {
        const secret = secretOf(call, organizationOf(call));
        const repositories = secret.selectedRepositoryIds.flatMap((id) => call.context.store.repositoryById(id) ?? []);
        const { page, headers } = paginate(call.request, repositories);
        return ok({ total_count: repositories.length, repositories: page.map((record) => renderMinimalRepository(record, call.root)) }, headers);
      }),
    )
    .add(
      'PUT',
      `${ORG_SECRETS}/:secret_name/repositories`,
      'actions.setSelectedReposForOrgSecret',
      ghRoute('token', docs('set-selected-repositories-for-an-organization-secret'), (call) => {
        const body = checkedBody(call.request, { selected_repository_ids: { type: 'array', of: 'integer' } }, ['selected_repository_ids']);
        const { org, secret } = selectedSecretOf(call);
        call.context.store.selectRepositories(secret, checkedRepositoryIds(call, org, body['selected_repository_ids'] as number[]));
        return noContent();
      }),
    )
    .add(
      'PUT',
      `${ORG_SECRETS}/:secret_name/repositories/:repository_id`,
      'actions.addSelectedRepoToOrgSecret',
      ghRoute('token', docs('add-selected-repository-to-an-organization-secret'), (call) => {
        const { org, secret } = selectedSecretOf(call);
        call.context.store.selectRepositories(secret, checkedRepositoryIds(call, org, [...secret.selectedRepositoryIds, repositoryIdParam(call)]));
        return noContent();
      }),
    )
    .add(
      'DELETE',
      `${ORG_SECRETS}/:secret_name/repositories/:repository_id`,
      'actions.removeSelectedRepoFromOrgSecret',
      ghRoute('token', docs('remove-selected-repository-from-an-organization-secret'), (call) => {
        const { secret } = selectedSecretOf(call);
        call.context.store.selectRepositories(
          secret,
          secret.selectedRepositoryIds.filter((id) => id !== repositoryIdParam(call)),
        );
        return noContent();
      }),
    )
    .add(
      'GET',
      '/repos/:owner/:repo/actions/organization-secrets',
      'actions.listRepoOrganizationSecrets',
      ghRoute('token', docs('list-repository-organization-secrets'), (call) => {
        const { repository } = repositoryOf(call);
        const org = call.context.store.organization(repository.owner.login);
        const visible = org ? sortedByName(org).filter((secret) => visibleTo(secret, repository)) : [];
        return secretPage(call, visible.map(renderSecret));
      }),
    );
}
