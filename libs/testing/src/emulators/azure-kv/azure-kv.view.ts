import { EmulatorRequest } from '../core/router';
import { StoredSecret, StoredSecretVersion } from './azure-kv.types';

/** Azure's default recovery level for a soft-delete vault without purge protection (spec §2.2). */
export const RECOVERY_LEVEL = 'Recoverable+Purgeable';

/**
 * The vault URL as the client addressed it. The SDK derives `vaultUrl`, `name` and `version` by parsing `id`
 * (spec §2.2), so ids must use the host the client used (localhost or 127.0.0.1).
 */
export const vaultUrlOf = (request: EmulatorRequest) => `https://${request.headers.host ?? 'localhost'}`;

function attributesOf(version: StoredSecretVersion, recoverableDays: number) {
  return {
    enabled: version.enabled,
    ...(version.nbf !== undefined ? { nbf: version.nbf } : {}),
    ...(version.exp !== undefined ? { exp: version.exp } : {}),
    created: version.created,
    updated: version.updated,
    recoveryLevel: RECOVERY_LEVEL,
    recoverableDays,
  };
}

function describedBy(version: StoredSecretVersion, recoverableDays: number) {
  return {
    attributes: attributesOf(version, recoverableDays),
    ...(version.tags !== undefined ? { tags: version.tags } : {}),
    ...(version.contentType !== undefined ? { contentType: version.contentType } : {}),
  };
}

const latest = (secret: StoredSecret) => secret.versions[secret.versions.length - 1];

function deletionOf(vaultUrl: string, secret: StoredSecret) {
  const deletion = secret.deletion;
  if (!deletion) throw new Error(`secret ${secret.name} is not deleted`);
  return { recoveryId: `${vaultUrl}/deletedsecrets/${secret.name}`, deletedDate: deletion.deletedDate, scheduledPurgeDate: deletion.scheduledPurgeDate };
}

/** Secret bundle of set/get (with the value) and of update/recover (without it). */
export function secretBundle(vaultUrl: string, secret: StoredSecret, version: StoredSecretVersion, recoverableDays: number, withValue: boolean) {
  return {
    ...(withValue ? { value: version.value } : {}),
    id: `${vaultUrl}/secrets/${secret.name}/${version.version}`,
    ...describedBy(version, recoverableDays),
  };
}

/** Deleted bundle of delete and get-deleted: the latest version's properties, no value. */
export function deletedSecretBundle(vaultUrl: string, secret: StoredSecret, recoverableDays: number) {
  return { ...deletionOf(vaultUrl, secret), ...secretBundle(vaultUrl, secret, latest(secret), recoverableDays, false) };
}

/** List item of GET /secrets: the id has no version. */
export function secretItem(vaultUrl: string, secret: StoredSecret, recoverableDays: number) {
  return { id: `${vaultUrl}/secrets/${secret.name}`, ...describedBy(latest(secret), recoverableDays) };
}

export function secretVersionItem(vaultUrl: string, secret: StoredSecret, version: StoredSecretVersion, recoverableDays: number) {
  return { id: `${vaultUrl}/secrets/${secret.name}/${version.version}`, ...describedBy(version, recoverableDays) };
}

export function deletedSecretItem(vaultUrl: string, secret: StoredSecret, recoverableDays: number) {
  return { ...deletionOf(vaultUrl, secret), ...secretItem(vaultUrl, secret, recoverableDays) };
}

export interface PageRequest {
  vaultUrl: string;
  path: string;
  apiVersion: string;
  pageSize: number;
  /** `$skiptoken` of the previous page's `nextLink`, if any. */
  skipToken: string | null;
}

/**
 * One page of a list, ordered by `keyOf`. `nextLink` is absolute and carries `api-version`, `$skiptoken` (the
 * last key of this page) and `maxresults`, like Azure's; the SDK follows it as given.
 */
export function page<T>(items: T[], keyOf: (item: T) => string, request: PageRequest): { items: T[]; nextLink: string | null } {
  const after = request.skipToken === null ? undefined : Buffer.from(request.skipToken, 'base64url').toString('utf8');
  const remaining = after === undefined ? items : items.filter((item) => keyOf(item) > after);
  const shown = remaining.slice(0, request.pageSize);
  if (remaining.length <= request.pageSize) return { items: shown, nextLink: null };
  const skipToken = Buffer.from(keyOf(shown[shown.length - 1])).toString('base64url');
  const query = `api-version=${encodeURIComponent(request.apiVersion)}&$skiptoken=${skipToken}&maxresults=${request.pageSize}`;
  return { items: shown, nextLink: `${request.vaultUrl}${request.path}?${query}` };
}
