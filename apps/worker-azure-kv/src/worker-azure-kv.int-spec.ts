import { loadConfig } from '@vault-sync/config';
import { azureKeyVaultAdapters } from '@vault-sync/destination-azure-kv';
import { createLogger } from '@vault-sync/logging';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { RunningWorkerService, startWorkerService } from '@vault-sync/worker-runtime';
import { randomBytes } from 'node:crypto';

/** The app's wiring, as main.ts starts it, with the configuration given instead of read from the process. */
describe('worker-azure-kv service', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let service: RunningWorkerService | undefined;

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator({ rootToken: 'hvs.worker-azure-kv-root' });
  });
  afterAll(async () => {
    await service?.close();
    await vault.close();
    await redis.cleanup();
  });

  it('consumes the azure-kv queue and reports its health until closed', async () => {
    const fromEnvironment = loadConfig({
      REDIS_URL: redis.url,
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: 'hvs.worker-azure-kv-root',
      SYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SYNC_WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    // The test prefix is longer than SYNC_KEY_PREFIX allows; it keeps this run's keys apart from every other.
    const config = { ...fromEnvironment, redis: { ...fromEnvironment.redis, keyPrefix: redis.prefix } };
    const adapters = azureKeyVaultAdapters();
    service = await startWorkerService({ adapters, config, logger: createLogger({ service: 'worker-azure-kv-test', level: 'silent' }) });

    expect(adapters.kind).toBe('azure-kv');
    expect(service.queueName).toContain('azure-kv');
    const health = await fetch(`${service.healthUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', queue: service.queueName });

    await service.close();
    service = undefined;
  });
});
