import { CREDENTIAL_SENTINEL, VALID_DESTINATION_BODIES } from '@vault-sync/destinations-core';
import { DESTINATION_KINDS } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import NodeVault from 'node-vault';
import { GatewayUnderTest, startGatewayUnderTest } from '../__fixtures__/gateway-under-test';
import { failureOf } from '../__fixtures__/vault-failure';
import { API_BASE_PATH, SYNC_API_PATHS } from '../openapi/openapi-document';

const TOKEN = 'e2e-static-token';
const ENVELOPE_FIELDS = ['request_id', 'lease_id', 'renewable', 'lease_duration', 'data', 'wrap_info', 'warnings', 'auth'];

describe('sys/sync HTTP API through node-vault (real port, Redis, Vault emulator; no worker)', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let gateway: GatewayUnderTest;
  let api: NodeVault.client;
  let root: NodeVault.client;
  let accessor: string;

  beforeEach(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator();
    gateway = await startGatewayUnderTest({ redis, vault, auth: { mode: 'static', tokens: [TOKEN] } });
    api = gateway.client(TOKEN);
    root = NodeVault({ apiVersion: 'v1', endpoint: vault.url, token: vault.rootToken });
    await root.write('secret/data/ci/tokens', { data: { npm: 'n', pypi: 'p' } });
    await root.write('secret/data/app/db', { data: { password: 'pw' } });
    accessor = (await root.read('sys/mounts/secret')).data.accessor;
  });

  afterEach(async () => {
    await gateway.close();
    await vault.close();
    await redis.cleanup();
  });

  it('creates every destination type and reads it back in Vault\'s envelope with credentials masked', async () => {
    for (const kind of DESTINATION_KINDS) {
      const written = await api.write(`sys/sync/destinations/${kind}/e2e-${kind}`, VALID_DESTINATION_BODIES[kind]);
      const read = await api.read(`sys/sync/destinations/${kind}/e2e-${kind}`);
      expect(Object.keys(read)).toEqual(expect.arrayContaining(ENVELOPE_FIELDS));
      expect(read).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, wrap_info: null, warnings: null, auth: null });
      expect(read.data).toEqual(written.data);
      expect(read.data).toMatchObject({ name: `e2e-${kind}`, type: kind });
      expect(JSON.stringify(read)).not.toContain(CREDENTIAL_SENTINEL);
      expect(Object.values(read.data.connection_details)).toContain('*****');
    }
  });

  it('lists destinations with keys and key_info, per type, and answers 404 when there are none', async () => {
    expect((await failureOf(api.list('sys/sync/destinations'))).response).toEqual({ statusCode: 404, body: { errors: [] } });
    await api.write('sys/sync/destinations/gh/web', VALID_DESTINATION_BODIES.gh);
    await api.write('sys/sync/destinations/gh/api', VALID_DESTINATION_BODIES.gh);
    await api.write('sys/sync/destinations/aws-sm/prod', VALID_DESTINATION_BODIES['aws-sm']);

    expect((await api.list('sys/sync/destinations')).data).toEqual({
      keys: ['aws-sm/', 'gh/'],
      key_info: { 'aws-sm/': ['prod'], 'gh/': ['api', 'web'] },
      total_destinations: 3,
    });
    expect((await api.list('sys/sync/destinations/gh')).data).toEqual({ keys: ['api', 'web'], total_destinations: 2 });
    const viaQuery = NodeVault({ endpoint: gateway.url, token: TOKEN, noCustomHTTPVerbs: true });
    expect((await viaQuery.list('sys/sync/destinations/gh')).data.keys).toEqual(['api', 'web']);
    expect((await failureOf(api.list('sys/sync/destinations/gcp-sm'))).response.statusCode).toBe(404);
    expect((await failureOf(api.read('sys/sync/destinations'))).response).toEqual({ statusCode: 405, body: { errors: ['unsupported operation'] } });
  });

  it('updates with POST keeping what is not sent, and merge-patches tags with tags_to_remove', async () => {
    const path = 'sys/sync/destinations/aws-sm/prod';
    await api.write(path, { ...VALID_DESTINATION_BODIES['aws-sm'], custom_tags: { team: 'payments', env: 'prod', tier: '1' } });
    await api.write(path, { external_id: 'a-new-external-id', secret_access_key: '*****' });
    const patched = await api.update(path, { custom_tags: { owner: 'sre' }, tags_to_remove: ['env', 'tier'] });

    expect(patched.data.options.custom_tags).toEqual({ team: 'payments', owner: 'sre' });
    expect(patched.data.connection_details).toMatchObject({ external_id: 'a-new-external-id', region: 'eu-west-1', access_key_id: '*****', secret_access_key: '*****' });
    expect((await api.read(path)).data).toEqual(patched.data);
    expect((await failureOf(api.update('sys/sync/destinations/aws-sm/missing', { custom_tags: { a: 'b' } }))).response.statusCode).toBe(404);
  });

  it('sets associations (queued, PENDING), refreshes on a second set, and removes with a queued unsync', async () => {
    await api.write('sys/sync/destinations/gh/ci-repo', VALID_DESTINATION_BODIES.gh);
    const set = await api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret/', secret_name: 'ci/tokens' });

    expect(set.data).toEqual({
      store_name: 'ci-repo',
      store_type: 'gh',
      associated_secrets: { [`${accessor}/ci/tokens`]: { accessor, secret_name: 'ci/tokens', sync_status: 'PENDING', updated_at: expect.any(String) } },
    });
    expect(await gateway.queues.pendingCount()).toBe(1);

    await api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret', secret_name: 'ci/tokens' });
    expect(Object.keys((await api.read('sys/sync/destinations/gh/ci-repo/associations')).data.associated_secrets)).toEqual([`${accessor}/ci/tokens`]);
    expect(await gateway.queues.pendingCount()).toBe(1); // the waiting sync job absorbs the refresh

    const removed = await api.write('sys/sync/destinations/gh/ci-repo/associations/remove', { mount: 'secret', secret_name: 'ci/tokens' });
    expect(removed.data.associated_secrets[`${accessor}/ci/tokens`].sync_status).toBe('PENDING');
    expect(await gateway.queues.pendingCount()).toBe(2); // plus the unsync
  });

  it('shows a secret\'s destinations by query and by path, and every associated secret', async () => {
    await api.write('sys/sync/destinations/gh/ci-repo', VALID_DESTINATION_BODIES.gh);
    await api.write('sys/sync/destinations/aws-sm/prod', VALID_DESTINATION_BODIES['aws-sm']);
    for (const destination of ['gh/ci-repo', 'aws-sm/prod']) {
      await api.write(`sys/sync/destinations/${destination}/associations/set`, { mount: 'secret', secret_name: 'app/db' });
    }
    await api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret', secret_name: 'ci/tokens' });

    const byQuery = await api.read('sys/sync/associations/destinations?mount=secret&secret_name=app/db');
    expect(Object.keys(byQuery.data.associated_destinations).sort()).toEqual(['aws-sm/prod', 'gh/ci-repo']);
    expect(byQuery.data.associated_destinations['gh/ci-repo']).toMatchObject({ type: 'gh', name: 'ci-repo', sync_status: 'PENDING' });
    expect((await api.read('sys/sync/associations/secret/app/db')).data).toEqual(byQuery.data);
    expect((await api.list('sys/sync/associations')).data).toEqual({
      keys: ['secret/app/db', 'secret/ci/tokens'],
      key_info: { 'secret/app/db': [{ mount: 'secret/', secret_path: 'app/db' }], 'secret/ci/tokens': [{ mount: 'secret/', secret_path: 'ci/tokens' }] },
      total_associations: 3,
      total_secrets: 2,
    });
    expect((await failureOf(api.read('sys/sync/associations/secret/no/such'))).response.statusCode).toBe(404);
  });

  it('refuses a mount that is not KV version 2, naming it', async () => {
    await root.mount({ mount_point: 'legacy', type: 'kv', options: { version: '1' } });
    await api.write('sys/sync/destinations/gh/ci-repo', VALID_DESTINATION_BODIES.gh);
    const refused = await failureOf(api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'legacy', secret_name: 'app' }));
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body.errors?.[0]).toContain('mount "legacy" is a kv version 1 mount');
    const unknown = await failureOf(api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'nowhere', secret_name: 'app' }));
    expect(unknown.response).toEqual({ statusCode: 400, body: { errors: ['no mount at path "nowhere"'] } });
    expect(await gateway.queues.pendingCount()).toBe(0);
  });

  it('deletes: refused while managing secrets, purge keeps it readable while unsyncing, force_delete removes it', async () => {
    await api.write('sys/sync/destinations/gh/ci-repo', VALID_DESTINATION_BODIES.gh);
    await api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret', secret_name: 'app/db' });

    const refused = await failureOf(api.delete('sys/sync/destinations/gh/ci-repo'));
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body.errors?.[0]).toContain('store cannot be deleted because it is still managing secrets');

    await api.delete('sys/sync/destinations/gh/ci-repo?purge=true');
    expect((await api.read('sys/sync/destinations/gh/ci-repo')).data.purge_initiated_at).toEqual(expect.any(String));
    const duringPurge = await failureOf(api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret', secret_name: 'ci/tokens' }));
    expect(duringPurge.response.body.errors?.[0]).toContain('is being purged');

    await api.delete('sys/sync/destinations/gh/ci-repo?force_delete=true');
    expect((await failureOf(api.read('sys/sync/destinations/gh/ci-repo'))).response).toEqual({ statusCode: 404, body: { errors: [] } });

    await api.write('sys/sync/destinations/gh/empty', VALID_DESTINATION_BODIES.gh);
    await api.delete('sys/sync/destinations/gh/empty?purge=true');
    expect((await failureOf(api.read('sys/sync/destinations/gh/empty'))).response.statusCode).toBe(404);
  });

  it('reads, patches and resets the global config; disabled keeps operations queued as PENDING', async () => {
    expect((await api.read('sys/sync/config')).data).toEqual({ disabled: false, queue_capacity: 1_000_000 });
    expect((await api.update('sys/sync/config', { disabled: 'true', queue_capacity: 2 })).data).toEqual({ disabled: true, queue_capacity: 2 });

    await api.write('sys/sync/destinations/gh/ci-repo', VALID_DESTINATION_BODIES.gh);
    const set = await api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret', secret_name: 'app/db' });
    expect(set.data.associated_secrets[`${accessor}/app/db`].sync_status).toBe('PENDING');
    await api.write('sys/sync/destinations/gh/ci-repo/associations/set', { mount: 'secret', secret_name: 'ci/tokens' });
    expect(await gateway.queues.pendingCount()).toBe(2);

    const full = await failureOf(api.write('sys/sync/destinations/gh/ci-repo/associations/remove', { mount: 'secret', secret_name: 'app/db' }));
    expect(full.response.statusCode).toBe(503);
    expect(full.response.body.errors?.[0]).toContain('sync queue is full');

    expect((await api.delete('sys/sync/config')).data).toEqual({ disabled: false, queue_capacity: 1_000_000 });
  });

  it('accepts Authorization: Bearer and a raw LIST with a trailing slash', async () => {
    await api.write('sys/sync/destinations/gh/web', VALID_DESTINATION_BODIES.gh);
    const response = await fetch(`${gateway.url}/v1/sys/sync/destinations/gh/web`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { name: string } }).data.name).toBe('web');
    const listed = await api.request({ path: '/sys/sync/destinations/', method: 'LIST' });
    expect(listed.data.keys).toEqual(['gh/']);
  });

  it('describes every route it serves in its OpenAPI document, served without a token', async () => {
    const response = await fetch(`${gateway.url}/v1/sys/sync/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\./);
    const served = gateway.routes.map((route) => `${route.method} ${route.url}`).sort();
    const described = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${API_BASE_PATH}${path}`))
      .map((route) => route.replace(/\{mount_and_secret_name\}/, '*').replace(/\{(\w+)\}/g, ':$1'))
      .sort();
    expect(described).toEqual(served);
    expect(Object.keys(document.paths)).toEqual(Object.keys(SYNC_API_PATHS));
  });
});
