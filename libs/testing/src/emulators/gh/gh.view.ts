import { EmulatorRequest } from '../core/router';
import { EnvironmentRecord, OrganizationRecord, RepositoryRecord } from './gh.store';
import { Account, OrgSecret, StoredSecret } from './gh.types';

/** GitHub's timestamps carry no fractional seconds: `2024-01-10T14:59:22Z`. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** GitHub's legacy global ids: base64 of `<length of type>:<Type><id>`. */
const nodeId = (type: string, id: number): string => Buffer.from(`${String(type.length).padStart(3, '0')}:${type}${id}`).toString('base64');

/** The API root as the client reached it, for the `url` fields and `link` headers. */
export const apiRoot = (request: EmulatorRequest): string => `http://${request.headers['host'] ?? '127.0.0.1'}`;

export const renderSecret = ({ name, createdAt, updatedAt }: StoredSecret) => ({ name, created_at: isoSeconds(createdAt), updated_at: isoSeconds(updatedAt) });

/** `selected_repositories_url` appears only on secrets whose visibility is `selected`. */
export function renderOrgSecret(secret: OrgSecret, root: string, org: string) {
  const base = { ...renderSecret(secret), visibility: secret.visibility };
  if (secret.visibility !== 'selected') return base;
  return { ...base, selected_repositories_url: `${root}/orgs/${org}/actions/secrets/${secret.name}/repositories` };
}

function renderAccount(account: Account, root: string) {
  const path = account.type === 'Organization' ? `orgs/${account.login}` : `users/${account.login}`;
  return { login: account.login, id: account.id, node_id: nodeId(account.type, account.id), type: account.type, url: `${root}/${path}`, html_url: `https://github.com/${account.login}` };
}

export function renderMinimalRepository({ repository }: RepositoryRecord, root: string) {
  const fullName = `${repository.owner.login}/${repository.name}`;
  return {
    id: repository.id,
    node_id: nodeId('Repository', repository.id),
    name: repository.name,
    full_name: fullName,
    private: repository.private,
    visibility: repository.private ? 'private' : 'public',
    owner: renderAccount(repository.owner, root),
    html_url: `https://github.com/${fullName}`,
    url: `${root}/repos/${fullName}`,
    fork: false,
  };
}

export function renderRepository(record: RepositoryRecord, root: string) {
  return { ...renderMinimalRepository(record, root), default_branch: 'main', archived: false, disabled: false };
}

export function renderEnvironment({ repository }: RepositoryRecord, { environment }: EnvironmentRecord, root: string) {
  const fullName = `${repository.owner.login}/${repository.name}`;
  return {
    id: environment.id,
    node_id: nodeId('Environment', environment.id),
    name: environment.name,
    url: `${root}/repos/${fullName}/environments/${encodeURIComponent(environment.name)}`,
    html_url: `https://github.com/${fullName}/deployments/activity_log?environments_filter=${encodeURIComponent(environment.name)}`,
    created_at: isoSeconds(environment.createdAt),
    updated_at: isoSeconds(environment.createdAt),
    protection_rules: [],
    deployment_branch_policy: null,
  };
}

export function renderOrganization({ account }: OrganizationRecord, root: string) {
  const { login, id, node_id, url } = renderAccount(account, root);
  return { login, id, node_id, url, description: null };
}

/**
 * `per_page` (default 30, at most 100) and `page` (from 1), with a `link` header naming the first, previous,
 * next and last pages as GitHub does; Octokit's paginate follows `rel="next"`.
 */
export function paginate<T>(request: EmulatorRequest, items: T[]): { page: T[]; headers: Record<string, string> } {
  const positive = (raw: string | null, fallback: number) => {
    const parsed = Number.parseInt(raw ?? '', 10);
    return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
  };
  const perPage = Math.min(positive(request.query.get('per_page'), 30), 100);
  const page = positive(request.query.get('page'), 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('per_page', String(perPage));
    query.set('page', String(target));
    return `<${apiRoot(request)}${request.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    ...(page < lastPage ? [link(page + 1, 'next'), link(lastPage, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return { page: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
