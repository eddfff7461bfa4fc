import type { Capability } from '@vault-sync/access';
import { booleanField } from '@vault-sync/destinations-core';
import { InvalidRequestError } from '../http/invalid-request.error';

type Headers = Record<string, string | string[] | undefined>;

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const API_PREFIX = '/v1/';

/** The caller's token: `X-Vault-Token`, else `Authorization: Bearer` (spec §2). */
export function vaultToken(headers: Headers): string | undefined {
  const header = headers['x-vault-token'];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = headers['authorization'];
  return typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
}

/** `GET ?list=true` is how a `LIST` arrives (the connection rewrites the verb). */
export function isListRequest(query: unknown): boolean {
  const list = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)['list'] : undefined;
  return booleanField.safeParse(list).data === true;
}

/**
 * The path an ACL policy is written for: the request path without `/v1/`, percent-decoded; a listing ends in `/`
 * as Vault's do, so `path "sys/sync/destinations/" { capabilities = ["list"] }` matches it.
 */
export function vaultPolicyPath(url: string, listing: boolean): string {
  const pathname = url.split('?')[0];
  const relative = (pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname).replace(/\/+$/, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    throw new InvalidRequestError(['path: is not valid percent-encoding']);
  }
  return listing ? `${decoded}/` : decoded;
}

/** The capability a request needs, by HTTP method (spec §10); POST/PUT as decided by the caller's existence check. */
export function capabilityFor(method: string, listing: boolean, writeTargetExists: () => Promise<boolean>): Promise<Capability> | Capability {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return listing ? 'list' : 'read';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return writeTargetExists().then((exists) => (exists ? 'update' : 'create'));
  }
}
