import NodeVault from 'node-vault';
import { RunningVaultEmulator, startVaultEmulator } from './index';

const ROOT = 'hvs.acl-test-root';

interface VaultFailure {
  message: string;
  response: { statusCode: number; body: { errors?: string[] } };
}

async function failure(promise: Promise<unknown>): Promise<VaultFailure> {
  try {
    await promise;
  } catch (err) {
    return err as VaultFailure;
  }
  throw new Error('expected the call to fail');
}

const DENIED = { statusCode: 403, body: { errors: ['permission denied'] } };

describe('vault emulator: tokens and ACL policies through node-vault', () => {
  let emulator: RunningVaultEmulator;
  let root: NodeVault.client;

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    root = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });
    await root.write('secret/data/app/db', { data: { password: 'x' } });
    await root.write('secret/data/other', { data: { password: 'y' } });
  });
  afterEach(() => emulator.close());

  // node-vault's tokenCreate switches its client to the new token, so each token gets its own issuing client.
  const issuer = () => NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });

  async function clientWith(policies: Record<string, string>): Promise<NodeVault.client> {
    for (const [name, rules] of Object.entries(policies)) await root.addPolicy({ name, rules });
    const created = await issuer().tokenCreate({ policies: Object.keys(policies) });
    return NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: created.auth.client_token });
  }

  it('stores policies under sys/policy and sys/policies/acl', async () => {
    await root.addPolicy({ name: 'App-Reader', rules: 'path "secret/data/app/*" { capabilities = ["read"] }' });
    expect((await root.getPolicy({ name: 'app-reader' })).rules).toBe('path "secret/data/app/*" { capabilities = ["read"] }');
    expect((await root.policies()).policies).toEqual(['app-reader', 'default', 'root']);
    expect((await root.read('sys/policies/acl/app-reader')).data).toEqual({ name: 'app-reader', policy: 'path "secret/data/app/*" { capabilities = ["read"] }' });
    expect((await root.list('sys/policies/acl')).data.keys).toEqual(['app-reader', 'default', 'root']);

    await root.write('sys/policies/acl/writer', { policy: 'path "secret/*" { capabilities = ["create"] }' });
    await root.delete('sys/policies/acl/app-reader');
    expect((await failure(root.read('sys/policies/acl/app-reader'))).response).toEqual({ statusCode: 404, body: { errors: [] } });
    expect((await failure(root.write('sys/policies/acl/bad', { policy: 'path "a" { capabilities = ["fly"] }' }))).response).toEqual({
      statusCode: 400,
      body: { errors: ['failed to parse policy: path "a": invalid capability "fly"'] },
    });
    expect((await failure(root.delete('sys/policies/acl/default'))).response.statusCode).toBe(400);
  });

  it('issues tokens with policies and looks them up', async () => {
    await root.addPolicy({ name: 'reader', rules: 'path "secret/data/*" { capabilities = ["read"] }' });
    const created = await issuer().tokenCreate({ policies: ['reader'], meta: { team: 'a' }, ttl: '1h' });
    expect(created.auth).toMatchObject({ client_token: expect.stringMatching(/^hvs\./), policies: ['default', 'reader'], token_policies: ['default', 'reader'], lease_duration: 3600, renewable: true, metadata: { team: 'a' } });
    const child = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: created.auth.client_token });
    const self = await child.tokenLookupSelf();
    expect(self.data).toMatchObject({ id: created.auth.client_token, accessor: created.auth.accessor, policies: ['default', 'reader'], creation_ttl: 3600, meta: { team: 'a' }, type: 'service' });
    expect(self.data.ttl).toBeGreaterThan(3590);
    expect((await root.tokenLookupSelf()).data).toMatchObject({ id: ROOT, policies: ['root'], display_name: 'root', ttl: 0, expire_time: null });

    emulator.advanceClock(3_601_000);
    expect((await failure(child.tokenLookupSelf())).response).toEqual(DENIED);
  });

  it('refuses a child token with policies its parent does not hold', async () => {
    const reader = await clientWith({ reader: 'path "auth/token/create" { capabilities = ["update"] }' });
    expect((await failure(reader.tokenCreate({ policies: ['admin'] }))).response).toEqual({ statusCode: 400, body: { errors: ['child policies must be subset of parent'] } });
  });

  it('enforces capabilities on every request: 403 permission denied otherwise', async () => {
    const reader = await clientWith({ 'app-reader': 'path "secret/data/app/*" { capabilities = ["read"] }' });
    expect((await reader.read('secret/data/app/db')).data.data).toEqual({ password: 'x' });
    expect((await failure(reader.read('secret/data/other'))).response).toEqual(DENIED);
    expect((await failure(reader.write('secret/data/app/db', { data: { password: 'z' } }))).response).toEqual(DENIED);
    expect((await failure(reader.list('secret/metadata/'))).response).toEqual(DENIED);
    expect((await failure(reader.mounts())).response).toEqual(DENIED);
    expect((await root.read('secret/data/app/db')).data.metadata.version).toBe(1);
  });

  it('tells create from update by existence, and lets the most specific rule decide', async () => {
    const writer = await clientWith({
      broad: 'path "secret/data/*" { capabilities = ["read"] }',
      creator: 'path "secret/data/new/*" { capabilities = ["create"] }',
    });
    expect((await writer.write('secret/data/new/one', { data: { a: '1' } })).data.version).toBe(1);
    // Now it exists: a second write is an update, which "create" does not grant.
    expect((await failure(writer.write('secret/data/new/one', { data: { a: '2' } }))).response).toEqual(DENIED);
    // The longer prefix rule decides alone, so the broad read does not apply under new/.
    expect((await failure(writer.read('secret/data/new/one'))).response).toEqual(DENIED);
    expect((await writer.read('secret/data/other')).data.data).toEqual({ password: 'y' });
  });

  it('lets deny win and matches + wildcards', async () => {
    const client = await clientWith({
      kv: 'path "secret/data/*" { capabilities = ["read"] }\npath "secret/data/+/db" { capabilities = ["read", "update"] }',
      guard: 'path "secret/data/app/db" { capabilities = ["deny"] }',
    });
    expect((await failure(client.read('secret/data/app/db'))).response).toEqual(DENIED);
    await root.write('secret/data/web/db', { data: { a: '1' } });
    expect((await client.write('secret/data/web/db', { data: { a: '2' } })).data.version).toBe(2);
    expect((await failure(client.write('secret/data/other', { data: { a: '2' } }))).response).toEqual(DENIED);
  });

  it('answers sys/capabilities-self for one or many paths, as Vault does', async () => {
    const client = await clientWith({ kv: 'path "secret/data/app/*" { capabilities = ["read", "list", "update"] }\npath "secret/data/app/private" { capabilities = ["deny"] }' });
    const one = await client.request({ path: '/sys/capabilities-self', method: 'POST', json: { paths: ['secret/data/app/db'] } });
    expect(one.capabilities).toEqual(['list', 'read', 'update']);
    expect(one['secret/data/app/db']).toEqual(['list', 'read', 'update']);
    expect(one.data).toEqual({ capabilities: ['list', 'read', 'update'], 'secret/data/app/db': ['list', 'read', 'update'] });

    const many = await client.request({ path: '/sys/capabilities-self', method: 'POST', json: { paths: ['secret/data/app/private', 'sys/mounts'] } });
    expect(many.data).toEqual({ 'secret/data/app/private': ['deny'], 'sys/mounts': ['deny'] });
    const rootAnswer = await root.request({ path: '/sys/capabilities-self', method: 'POST', json: { paths: ['anything'] } });
    expect(rootAnswer.capabilities).toEqual(['root']);
  });

  it('requires sudo for sys/audit', async () => {
    const client = await clientWith({ auditor: 'path "sys/audit" { capabilities = ["read"] }\npath "sys/audit/*" { capabilities = ["update", "delete"] }' });
    expect((await failure(client.audits())).response).toEqual(DENIED);
    expect((await failure(client.enableAudit({ name: 'f', type: 'file', options: { file_path: '/tmp/never' } }))).response).toEqual(DENIED);
  });

  it('refuses missing and unknown tokens with 403', async () => {
    const anonymous = await fetch(`${emulator.url}/v1/secret/data/app/db`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual({ errors: ['permission denied'] });
    const bearer = await fetch(`${emulator.url}/v1/secret/data/app/db`, { headers: { authorization: `Bearer ${ROOT}` } });
    expect(bearer.status).toBe(200);
    const stranger = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: 'hvs.unknown' });
    expect((await failure(stranger.read('secret/data/app/db'))).response).toEqual(DENIED);
  });

  it('resolves mounts for tokens without sys/mounts, only where they have access', async () => {
    const client = await clientWith({ kv: 'path "secret/data/app/*" { capabilities = ["read"] }' });
    expect((await client.read('sys/internal/ui/mounts/secret/data/app/db')).data).toMatchObject({ path: 'secret/', type: 'kv', options: { version: '2' } });
    await root.mount({ mount_point: 'private', type: 'kv-v2' });
    const refused = await failure(client.read('sys/internal/ui/mounts/private/data/x'));
    expect(refused.response.statusCode).toBe(403);
    expect(refused.message).toContain('preflight capability check returned 403');
    const listing = await client.read('sys/internal/ui/mounts');
    // The default policy opens paths under cubbyhole/ and sys/; nothing opens private/ or identity/.
    expect(Object.keys(listing.data.secret)).toEqual(['cubbyhole/', 'secret/', 'sys/']);
  });
});
