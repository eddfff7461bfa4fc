/**
 * Test fixtures: the constructed entries of spec vault-change-capture §2.7 (current Vault CE, root namespace,
 * KV v2 write to mount `secret`, path `app/db`) and builders for the variants of §2.6, §2.7 and §3.1.
 */

export type Entry = Record<string, unknown>;

export const WRITE_REQUEST_ID = '70cfa068-847d-4fb0-bcb6-ada35892d204';
export const PASSWORD_HMAC = 'hmac-sha256:8a06d9184f595854df925b1a0610be80d12ad129468bd456f8abd9462d16237e';

const AUTH = {
  accessor: 'hmac-sha256:67f147b0669e2dbb61502a5d81e43289a25e0ea58b0b2baed185c421e9dfc535',
  client_token: 'hmac-sha256:4058408680c2212edcc9753921c93e6287f55941bcf62b139323a10ec0a6233c',
  display_name: 'approle',
  entity_id: '1c5b5a49-90e9-46cf-86d9-00e585959f4e',
  metadata: { role_name: 'ci-deployer' },
  policies: ['default', 'kv-writer'],
  policy_results: { allowed: true, granting_policies: [{ name: 'kv-writer', namespace_id: 'root', type: 'acl' }] },
  token_policies: ['default', 'kv-writer'],
  token_issue_time: '2025-11-04T10:00:03Z',
  token_ttl: 3600,
  token_type: 'service',
};

const WRITE_REQUEST_BLOCK = {
  client_id: '1c5b5a49-90e9-46cf-86d9-00e585959f4e',
  client_token: AUTH.client_token,
  client_token_accessor: AUTH.accessor,
  data: {
    data: {
      password: PASSWORD_HMAC,
      username: 'hmac-sha256:044208dac280de6d81aeecee755575962367fc9a9321907e205e8a2965e5df12',
    },
    options: {},
  },
  headers: { 'user-agent': ['deploy-bot/2.3'], 'x-correlation-id': ['c0ffee-42'] },
  id: WRITE_REQUEST_ID,
  mount_accessor: 'kv_3fa85f64',
  mount_class: 'secret',
  mount_point: 'secret/',
  mount_running_version: 'v0.25.0+builtin',
  mount_type: 'kv',
  namespace: { id: 'root' },
  operation: 'update',
  path: 'secret/data/app/db',
  remote_address: '10.0.4.17',
  remote_port: 53122,
  request_uri: '/v1/secret/data/app/db',
};

export const WRITE_REQUEST: Entry = {
  time: '2025-11-04T10:15:22.481937204Z',
  auth: AUTH,
  request: WRITE_REQUEST_BLOCK,
  type: 'request',
};

export const WRITE_RESPONSE: Entry = {
  time: '2025-11-04T10:15:22.487112930Z',
  auth: AUTH,
  request: WRITE_REQUEST_BLOCK,
  response: {
    data: {
      created_time: 'hmac-sha256:9c9a389f88f23c97b10dc6228fbe8ed815de0bac3c90ec0a6ff5d45a862ee5b8',
      custom_metadata: null,
      deletion_time: 'hmac-sha256:84a0f6084bcd8baee567b13a4f464dce04a4d52a012402935cbcd81ad1efb788',
      destroyed: false,
      version: 4,
    },
    mount_accessor: 'kv_3fa85f64',
    mount_class: 'secret',
    mount_point: 'secret/',
    mount_running_plugin_version: 'v0.25.0+builtin',
    mount_type: 'kv',
  },
  type: 'response',
};

export interface ResponseVariant {
  path: string;
  operation: string;
  id?: string;
  /** Replaces `request.data`. */
  data?: unknown;
  /** Replaces the `response` object; `null` removes it (current Vault on a 204). */
  response?: Entry | null;
  /** Fields merged into `request` last; a field set to `undefined` is removed. */
  request?: Entry;
  /** Fields merged into the entry last (`error`, `forwarded`, …). */
  top?: Entry;
}

/** A response entry like §2.7's for another call on the same mount; the response stub has only the mount fields. */
export function responseEntry(variant: ResponseVariant): Entry {
  const request: Entry = { ...WRITE_REQUEST_BLOCK, id: variant.id ?? WRITE_REQUEST_ID, path: variant.path, operation: variant.operation, data: variant.data, ...variant.request };
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  const response = variant.response === undefined ? { mount_accessor: 'kv_3fa85f64', mount_point: 'secret/', mount_type: 'kv' } : variant.response;
  return { time: WRITE_RESPONSE['time'], auth: AUTH, request, ...(response === null ? {} : { response }), type: 'response', ...variant.top };
}

/** One line on the wire, as Go's encoder writes it (spec §1.3). */
export const line = (entry: unknown): string => `${JSON.stringify(entry)}\n`;
