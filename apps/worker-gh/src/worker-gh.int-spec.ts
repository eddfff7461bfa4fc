import { loadConfig } from '@vault-sync/config';
import { ghAdapters } from '@vault-sync/destination-gh';
import { createLogger } from '@vault-sync/logging';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningGhEmulator, startGhEmulator } from '@vault-sync/testing/emulators/gh';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { RunningWorkerService, startWorkerService } from '@vault-sync/worker-runtime';
import { randomBytes } from 'node:crypto';

/** The app's wiring, as main.ts starts it, with the configuration given instead of read from the process. */
describe('worker-gh service', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let github: RunningGhEmulator;
  let service: RunningWorkerService | undefined;

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator({ rootToken: 'hvs.worker-gh-root' });
    github = await startGhEmulator();
  });
  afterAll(async () => {
    await service?.close();
    await github.close();
    await vault.close();
    await redis.cleanup();
  });

  it('consumes the gh queue and reports its health until closed', async () => {
    const fromEnvironment = loadConfig({
      REDIS_URL: redis.url,
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: 'hvs.worker-gh-root',
      SYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SYNC_WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    // The test prefix is longer than SYNC_KEY_PREFIX allows; it keeps this run's keys apart from every other.
    const config = { ...fromEnvironment, redis: { ...fromEnvironment.redis, keyPrefix: redis.prefix } };
    const adapters = ghAdapters({ apiBaseUrl: github.url });
    service = await startWorkerService({ adapters, config, logger: createLogger({ service: 'worker-gh-test', level: 'silent' }) });

    expect(adapters.kind).toBe('gh');
    expect(service.queueName).toContain('gh');
    const health = await fetch(`${service.healthUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', queue: service.queueName });

    await service.close();
    service = undefined;
  });
});
