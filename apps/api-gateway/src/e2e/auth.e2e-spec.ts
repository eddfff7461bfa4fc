import { VALID_DESTINATION_BODIES } from '@vault-sync/destinations-core';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import NodeVault from 'node-vault';
import { GatewayUnderTest, startGatewayUnderTest } from '../__fixtures__/gateway-under-test';
import { failureOf } from '../__fixtures__/vault-failure';

const DENIED = { statusCode: 403, body: { errors: ['permission denied'] } };
const GH = 'sys/sync/destinations/gh/ci-repo';

describe('authorization of the HTTP API', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let gateway: GatewayUnderTest;

  afterEach(async () => {
    await gateway.close();
    await vault.close();
    await redis.cleanup();
  });

  describe('static tokens (SYNC_AUTH=static)', () => {
    beforeEach(async () => {
      redis = await createTestRedis();
      vault = await startVaultEmulator();
      gateway = await startGatewayUnderTest({ redis, vault, auth: { mode: 'static', tokens: ['static-a', 'static-b'] } });
    });

    it('refuses a missing or unknown token with exactly Vault\'s 403, and accepts a configured one', async () => {
      expect((await failureOf(gateway.client(undefined).read('sys/sync/config'))).response).toEqual(DENIED);
      expect((await failureOf(gateway.client('static-c').write(GH, VALID_DESTINATION_BODIES.gh))).response).toEqual(DENIED);
      expect((await failureOf(gateway.client('static-c').list('sys/sync/destinations'))).response).toEqual(DENIED);
      expect((await gateway.client('static-b').read('sys/sync/config')).data.disabled).toBe(false);
      const bearer = await fetch(`${gateway.url}/v1/sys/sync/config`, { headers: { authorization: 'Bearer static-a' } });
      expect(bearer.status).toBe(200);
    });

    it('serves health and the OpenAPI document without a token', async () => {
      expect((await fetch(`${gateway.url}/v1/sys/health`)).status).toBe(200);
      expect((await fetch(`${gateway.url}/v1/sys/sync/openapi.json`)).status).toBe(200);
    });
  });

  describe('Vault-delegated (SYNC_AUTH=vault): capabilities-self with the caller\'s token', () => {
    let root: NodeVault.client;

    beforeEach(async () => {
      redis = await createTestRedis();
      vault = await startVaultEmulator();
      gateway = await startGatewayUnderTest({ redis, vault, auth: { mode: 'vault' } });
      root = NodeVault({ apiVersion: 'v1', endpoint: vault.url, token: vault.rootToken });
      await root.write('secret/data/app/db', { data: { password: 'pw' } });
      await root.write('secret/data/other', { data: { password: 'pw' } });
    });

    /** A gateway client whose token carries exactly `rules`. */
    async function clientWith(name: string, rules: string): Promise<NodeVault.client> {
      await root.addPolicy({ name, rules });
      // node-vault's tokenCreate switches its client to the new token, so each token gets its own issuing client.
      const issuer = NodeVault({ apiVersion: 'v1', endpoint: vault.url, token: vault.rootToken });
      const created = await issuer.tokenCreate({ policies: [name] });
      return gateway.client(created.auth.client_token);
    }

    it('refuses no token and a token Vault does not know', async () => {
      expect((await failureOf(gateway.client(undefined).read(GH))).response).toEqual(DENIED);
      expect((await failureOf(gateway.client('hvs.not-a-token').read('sys/sync/config'))).response).toEqual(DENIED);
    });

    it('needs the capability the method implies: read, list (on the path with /), create vs update, patch, delete', async () => {
      const admin = gateway.client(vault.rootToken);
      const reader = await clientWith('reader', 'path "sys/sync/destinations/*" { capabilities = ["read"] }');
      const lister = await clientWith('lister', 'path "sys/sync/destinations/" { capabilities = ["list"] }');
      const creator = await clientWith('creator', 'path "sys/sync/destinations/gh/*" { capabilities = ["create"] }');
      const patcher = await clientWith('patcher', 'path "sys/sync/destinations/gh/*" { capabilities = ["patch", "update"] }');

      expect((await creator.write(GH, VALID_DESTINATION_BODIES.gh)).data.name).toBe('ci-repo');
      expect((await failureOf(creator.write(GH, { repository_name: 'web' }))).response).toEqual(DENIED); // exists: update
      expect((await reader.read(GH)).data.name).toBe('ci-repo');
      expect((await failureOf(reader.list('sys/sync/destinations'))).response).toEqual(DENIED);
      expect((await lister.list('sys/sync/destinations')).data.keys).toEqual(['gh/']);
      expect((await failureOf(lister.read(GH))).response).toEqual(DENIED);
      expect((await failureOf(reader.update(GH, { environment_name: '' }))).response).toEqual(DENIED);
      expect((await patcher.update(GH, {})).data.name).toBe('ci-repo');
      expect((await failureOf(patcher.delete(GH))).response).toEqual(DENIED);
      await admin.delete(GH);
      expect((await failureOf(admin.read(GH))).response.statusCode).toBe(404);
    });

    it('sets an association only for a caller who may read the secret itself', async () => {
      await gateway.client(vault.rootToken).write(GH, VALID_DESTINATION_BODIES.gh);
      const operator = await clientWith(
        'operator',
        'path "sys/sync/destinations/gh/ci-repo/associations/*" { capabilities = ["update"] }\npath "secret/data/app/*" { capabilities = ["read"] }',
      );
      const set = await operator.write(`${GH}/associations/set`, { mount: 'secret', secret_name: 'app/db' });
      expect(Object.values(set.data.associated_secrets)).toEqual([expect.objectContaining({ secret_name: 'app/db', sync_status: 'PENDING' })]);

      const refused = await failureOf(operator.write(`${GH}/associations/set`, { mount: 'secret', secret_name: 'other' }));
      expect(refused.response).toEqual({ statusCode: 403, body: { errors: ['permission denied to read the content of the secret other in mount secret'] } });
      expect(await gateway.queues.pendingCount()).toBe(1);
    });
  });
});
