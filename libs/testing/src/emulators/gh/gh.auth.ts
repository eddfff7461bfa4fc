import { EmulatorRequest, EmulatorResponse } from '../core/router';
import { looksLikeJwt, verifyAppJwt } from './gh.app-jwt';
import { badCredentials, errorResponse, notAccessibleByIntegration, requiresAuthentication, undecodableJwt } from './gh.errors';
import { GhStore, OrganizationRecord, RepositoryRecord } from './gh.store';
import { Installation, InstallationToken, Repository } from './gh.types';

export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'token'; token: string; userId: number }
  | { kind: 'installation'; issued: InstallationToken; installation: Installation }
  | { kind: 'app'; appId: number };

export type Identification = { caller: Caller } | { denied: EmulatorResponse };

/** What a route lets in: any personal or installation token, also anonymous readers, or only an app JWT. */
export type Access = 'token' | 'public' | 'app';

/**
 * Octokit sends `token X`, and `bearer X` for JWT-shaped credentials (spec §4.1); both work for every kind.
 * An unknown or expired credential is 401 "Bad credentials"; a JWT failing verification gets GitHub's JWT message.
 */
export function identify(request: EmulatorRequest, store: GhStore, nowMs: number): Identification {
  const header = request.headers['authorization'];
  if (header === undefined) return { caller: { kind: 'anonymous' } };
  const credential = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header)?.[1];
  if (credential === undefined) return { denied: badCredentials() };
  const userId = store.userIdOfToken(credential);
  if (userId !== undefined) return { caller: { kind: 'token', token: credential, userId } };
  const issued = store.installationToken(credential);
  const installation = issued && store.installation(issued.installationId);
  if (issued && installation) return issued.expiresAtMs > nowMs ? { caller: { kind: 'installation', issued, installation } } : { denied: badCredentials() };
  if (!looksLikeJwt(credential)) return { denied: badCredentials() };
  const verified = verifyAppJwt(credential, (issuer) => store.appByIssuer(issuer), Math.floor(nowMs / 1000));
  return 'ok' in verified ? { caller: { kind: 'app', appId: verified.ok.appId } } : { denied: errorResponse(401, verified.error) };
}

/** Whether a route lets this caller in; app endpoints take only a JWT, everything else anything but one. */
export function admits(access: Access, caller: Caller): EmulatorResponse | undefined {
  if (access === 'app') return caller.kind === 'app' ? undefined : undecodableJwt();
  if (caller.kind === 'app') return notAccessibleByIntegration();
  if (access === 'token' && caller.kind === 'anonymous') return requiresAuthentication();
  return undefined;
}

/**
 * Personal tokens reach everything seeded; installation tokens their account's repositories (narrowed by the
 * installation and the token); anonymous callers public repositories only.
 */
export function canSeeRepository(caller: Caller, record: RepositoryRecord): boolean {
  const { repository } = record;
  if (caller.kind === 'token') return true;
  if (caller.kind === 'anonymous') return !repository.private;
  if (caller.kind !== 'installation') return false;
  const { installation, issued } = caller;
  return installationReaches(installation, repository) && (issued.repositoryIds === undefined || issued.repositoryIds.includes(repository.id));
}

/** The repositories an installation covers: its account's, or the ones it was installed on. */
export function installationReaches(installation: Installation, repository: Repository): boolean {
  if (installation.account.id !== repository.owner.id) return false;
  return !installation.repositoryNames || installation.repositoryNames.includes(repository.name.toLowerCase());
}

/** Organization secrets need a personal token or an installation on that organization. */
export function canManageOrganization(caller: Caller, org: OrganizationRecord): boolean {
  if (caller.kind === 'token') return true;
  return caller.kind === 'installation' && caller.installation.account.id === org.account.id;
}

/** The rate-limit budget a caller spends from, and how GitHub names it when the budget runs out. */
export function rateBucketOf(caller: Caller): { bucket: string; subject: string; authenticated: boolean } {
  switch (caller.kind) {
    case 'token':
      return { bucket: `user:${caller.userId}`, subject: `user ID ${caller.userId}`, authenticated: true };
    case 'installation':
      return { bucket: `installation:${caller.installation.id}`, subject: `installation ID ${caller.installation.id}`, authenticated: true };
    case 'app':
      return { bucket: `app:${caller.appId}`, subject: `app ID ${caller.appId}`, authenticated: true };
    case 'anonymous':
      return { bucket: 'anonymous', subject: 'this IP address', authenticated: false };
  }
}
