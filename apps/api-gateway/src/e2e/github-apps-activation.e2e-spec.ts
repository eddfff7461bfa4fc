import { createHash, generateKeyPairSync } from 'node:crypto';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import NodeVault from 'node-vault';
import { GatewayUnderTest, startGatewayUnderTest } from '../__fixtures__/gateway-under-test';
import { failureOf } from '../__fixtures__/vault-failure';

const TOKEN = 'e2e-github-apps-token';

function rsaKey(): { pem: string; fingerprint: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return { pem: privateKey, fingerprint: `SHA256:${createHash('sha256').update(publicKey).digest('base64')}` };
}

describe('sys/sync/github-apps and sys/activation-flags through node-vault', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let gateway: GatewayUnderTest;
  let api: NodeVault.client;

  async function start(requireActivation: boolean): Promise<void> {
    gateway = await startGatewayUnderTest({ redis, vault, auth: { mode: 'static', tokens: [TOKEN] }, requireActivation });
    api = gateway.client(TOKEN);
  }

  beforeEach(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator();
  });

  afterEach(async () => {
    await gateway.close();
    await vault.close();
    await redis.cleanup();
  });

  it('creates, reads masked with the fingerprint, lists, updates the key, and deletes only once no gh destination uses it', async () => {
    await start(false);
    const first = rsaKey();
    const second = rsaKey();
    expect((await failureOf(api.list('sys/sync/github-apps'))).response).toEqual({ statusCode: 404, body: { errors: [] } });

    const created = await api.write('sys/sync/github-apps/acme-sync', { app_id: '123456', private_key: first.pem });
    expect(created.data).toEqual({ app_id: 123456, name: 'acme-sync', fingerprint: first.fingerprint, private_key: '*****' });
    expect((await api.read('sys/sync/github-apps/acme-sync')).data).toEqual(created.data);
    expect(JSON.stringify(await gateway.snapshot())).not.toContain(first.pem.split('\n')[1]);
    await api.write('sys/sync/github-apps/other', { app_id: 7, private_key: second.pem });
    expect((await api.list('sys/sync/github-apps')).data).toEqual({ keys: ['acme-sync', 'other'] });

    const updated = await api.write('sys/sync/github-apps/acme-sync', { app_id: 123456, private_key: second.pem });
    expect(updated.data).toEqual({ app_id: 123456, name: 'acme-sync', fingerprint: second.fingerprint, private_key: '*****' });
    expect((await api.write('sys/sync/github-apps/acme-sync', { private_key: '*****' })).data.fingerprint).toBe(second.fingerprint);

    await api.write('sys/sync/destinations/gh/ci-repo', { repository_owner: 'acme', repository_name: 'web', app_name: 'acme-sync', installation_id: 99 });
    const refused = await failureOf(api.delete('sys/sync/github-apps/acme-sync'));
    expect(refused.response.statusCode).toBe(400);
    expect(refused.response.body.errors?.[0]).toContain('GitHub app acme-sync cannot be deleted while destinations use it: gh/ci-repo');
    expect((await api.read('sys/sync/github-apps/acme-sync')).data.app_id).toBe(123456);

    await api.delete('sys/sync/destinations/gh/ci-repo');
    expect((await api.delete('sys/sync/github-apps/acme-sync')).data).toEqual({ app_id: 123456, name: 'acme-sync' });
    expect((await failureOf(api.read('sys/sync/github-apps/acme-sync'))).response).toEqual({ statusCode: 404, body: { errors: [] } });
    expect((await api.list('sys/sync/github-apps')).data).toEqual({ keys: ['other'] });
  });

  it('ships activated by default', async () => {
    await start(false);
    const flags = await fetch(`${gateway.url}/v1/sys/activation-flags`);
    expect(flags.status).toBe(200);
    expect(((await flags.json()) as { data: unknown }).data).toEqual({ activated: ['secrets-sync'], unactivated: [] });
    expect((await api.read('sys/sync/config')).data.disabled).toBe(false);
  });

  it('with SYNC_REQUIRE_ACTIVATION, refuses sys/sync until activated, once and for good', async () => {
    await start(true);
    const flags = await fetch(`${gateway.url}/v1/sys/activation-flags`);
    expect(((await flags.json()) as { data: unknown }).data).toEqual({ activated: [], unactivated: ['secrets-sync'] });

    const before = await failureOf(api.read('sys/sync/config'));
    expect(before.response.statusCode).toBe(400);
    expect(before.response.body.errors?.[0]).toContain('sys/activation-flags/secrets-sync/activate');
    expect((await failureOf(gateway.client(undefined).read('sys/sync/config'))).response.statusCode).toBe(403);
    expect((await failureOf(gateway.client(undefined).write('sys/activation-flags/secrets-sync/activate', {}))).response.statusCode).toBe(403);

    const activated = await api.write('sys/activation-flags/secrets-sync/activate', {});
    expect(activated.data).toEqual({ activated: ['secrets-sync'], unactivated: [] });
    expect((await api.read('sys/sync/config')).data.disabled).toBe(false);
    const again = await api.request({ path: '/sys/activation-flags/secrets-sync/activate', method: 'PUT', json: {} });
    expect(again.data).toEqual({ activated: ['secrets-sync'], unactivated: [] });
  });
});
