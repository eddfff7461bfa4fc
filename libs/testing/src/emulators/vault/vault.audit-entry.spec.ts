import { createHmac } from 'node:crypto';
import { auditedOutcome, AuditRecord, EntryFormat, formatEntry, hmacWithSalt } from './vault.audit-entry';
import { MountTable } from './vault.mounts';
import { invalidReply } from './vault.reply';
import { VaultClock } from './vault.time';
import { Token } from './vault.tokens';

const SALT = 'f1d2d2f9-24e7-4a4f-8a6e-2d1c0b6f5a11';
const format = (extra: Partial<EntryFormat> = {}): EntryFormat => ({ salt: SALT, hmacAccessor: true, logRaw: false, elideListResponses: false, ...extra });
const TIME = 1_762_251_322_481_937_204n;
const token: Token = { id: 'hvs.root', accessor: 'acc123', policies: ['root'], displayName: 'root', meta: null, ttlSeconds: 0, issuedNs: 1_762_250_403n * 1_000_000_000n, path: 'auth/token/root', orphan: true, numUses: 0 };
const secretMount = new MountTable(new VaultClock()).get('secret');
if (!secretMount) throw new Error('dev mode starts with secret/');

function writeRecord(type: 'request' | 'response'): AuditRecord {
  return {
    type,
    request: {
      id: '70cfa068-847d-4fb0-bcb6-ada35892d204',
      path: 'secret/data/app/db',
      operation: 'update',
      data: { options: { cas: 3 }, data: { username: 'app', password: 'p<a>&s', tags: ['x'], enabled: true } },
      clientToken: token.id,
      headers: { 'user-agent': 'deploy-bot/2.3', 'x-correlation-id': 'c0ffee-42', authorization: 'secret' },
      remoteAddress: '10.0.4.17',
      remotePort: 53122,
      requestUri: '/v1/secret/data/app/db',
      mount: secretMount,
    },
    auth: { token, policyResults: { allowed: true, grantingPolicies: ['root'] } },
    ...(type === 'response' ? { response: { data: { version: 4, destroyed: false, created_time: '2025-11-04T10:15:22Z', deletion_time: '', custom_metadata: null } } } : {}),
  };
}

describe('audit entry format', () => {
  it('computes hmac-sha256:<hex> with the device salt as the HMAC key', () => {
    expect(hmacWithSalt(SALT, 'app')).toBe(`hmac-sha256:${createHmac('sha256', SALT).update('app').digest('hex')}`);
  });

  it('writes a request entry in current Vault layout: one line, time first, sorted maps, HMAC on values only', () => {
    const line = formatEntry(writeRecord('request'), format(), TIME);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line.startsWith('{"time":"2025-11-04T10:15:22.481937204Z","auth":{')).toBe(true);
    expect(line).not.toContain('p\\u003ca');
    const entry = JSON.parse(line);
    expect(Object.keys(entry)).toEqual(['time', 'auth', 'request', 'type']);
    expect(entry.type).toBe('request');
    expect(entry.auth).toEqual({
      accessor: hmacWithSalt(SALT, 'acc123'),
      client_token: hmacWithSalt(SALT, 'hvs.root'),
      display_name: 'root',
      policies: ['root'],
      policy_results: { allowed: true, granting_policies: [{ name: 'root', namespace_id: 'root', type: 'acl' }] },
      token_policies: ['root'],
      token_issue_time: '2025-11-04T10:00:03Z',
      token_type: 'service',
    });
    expect(Object.keys(entry.request)).toEqual([...Object.keys(entry.request)].sort());
    expect(entry.request).toMatchObject({
      client_token: hmacWithSalt(SALT, 'hvs.root'),
      client_token_accessor: hmacWithSalt(SALT, 'acc123'),
      headers: { 'user-agent': ['deploy-bot/2.3'], 'x-correlation-id': ['c0ffee-42'] },
      id: '70cfa068-847d-4fb0-bcb6-ada35892d204',
      mount_accessor: secretMount.accessor,
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
    });
    expect(entry.request.data).toEqual({
      data: { enabled: true, password: hmacWithSalt(SALT, 'p<a>&s'), tags: [hmacWithSalt(SALT, 'x')], username: hmacWithSalt(SALT, 'app') },
      options: { cas: hmacWithSalt(SALT, '3') },
    });
    expect(Object.keys(entry.request.data)).toEqual(['data', 'options']);
    expect(Object.keys(entry.request.data.data)).toEqual(['enabled', 'password', 'tags', 'username']);
  });

  it('writes a response entry: clear numbers and booleans, hashed strings, mount fields repeated', () => {
    const entry = JSON.parse(formatEntry(writeRecord('response'), format(), TIME));
    expect(Object.keys(entry)).toEqual(['time', 'auth', 'request', 'response', 'type']);
    expect(entry.response).toEqual({
      data: { created_time: hmacWithSalt(SALT, '2025-11-04T10:15:22Z'), custom_metadata: null, deletion_time: hmacWithSalt(SALT, ''), destroyed: false, version: 4 },
      mount_accessor: secretMount.accessor,
      mount_class: 'secret',
      mount_point: 'secret/',
      mount_running_plugin_version: 'v0.25.0+builtin',
      mount_type: 'kv',
    });
  });

  it('escapes <, > and & in clear strings as Go does', () => {
    const record = writeRecord('request');
    record.request.path = 'secret/data/a<b>&c';
    expect(formatEntry(record, format(), TIME)).toContain('"path":"secret/data/a\\u003cb\\u003e\\u0026c"');
  });

  it('honours hmac_accessor=false and log_raw=true', () => {
    const clearAccessor = JSON.parse(formatEntry(writeRecord('request'), format({ hmacAccessor: false }), TIME));
    expect(clearAccessor.auth.accessor).toBe('acc123');
    expect(clearAccessor.request.client_token_accessor).toBe('acc123');
    expect(clearAccessor.auth.client_token).toBe(hmacWithSalt(SALT, 'hvs.root'));
    const raw = JSON.parse(formatEntry(writeRecord('request'), format({ logRaw: true }), TIME));
    expect(raw.auth.client_token).toBe('hvs.root');
    expect(raw.request.data.data.password).toBe('p<a>&s');
  });

  it('elides list responses to counts when asked', () => {
    const record: AuditRecord = { type: 'response', request: { id: 'i', path: 'secret/metadata/', operation: 'list', mount: secretMount }, response: { data: { keys: ['a', 'b/'] } } };
    expect(JSON.parse(formatEntry(record, format({ elideListResponses: true }), TIME)).response.data).toEqual({ keys: 2 });
    expect(JSON.parse(formatEntry(record, format(), TIME)).response.data.keys).toEqual([hmacWithSalt(SALT, 'a'), hmacWithSalt(SALT, 'b/')]);
  });

  it('omits absent fields: the probe entry has no auth, data or mount fields', () => {
    const line = formatEntry({ type: 'request', request: { id: 'probe-id', path: 'sys/audit/test', operation: 'update' } }, format(), TIME);
    expect(line).toBe('{"time":"2025-11-04T10:15:22.481937204Z","request":{"id":"probe-id","namespace":{"id":"root"},"operation":"update","path":"sys/audit/test"},"type":"request"}\n');
  });

  it('reports a handler error response with the generic outer error and the hashed detail', () => {
    const outcome = auditedOutcome(invalidReply('check-and-set parameter did not match the current version'));
    expect(outcome.error).toBe('1 error occurred:\n\t* invalid request\n\n');
    const entry = JSON.parse(formatEntry({ ...writeRecord('response'), ...outcome }, format(), TIME));
    expect(entry.error).toBe('1 error occurred:\n\t* invalid request\n\n');
    expect(entry.response.data).toEqual({ error: hmacWithSalt(SALT, 'check-and-set parameter did not match the current version') });
  });
});
