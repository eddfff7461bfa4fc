import { loadConfig } from '@vault-sync/config';
import { gcpSecretManagerAdapters } from '@vault-sync/destination-gcp-sm';
import { createLogger } from '@vault-sync/logging';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '@vault-sync/testing/emulators/gcp-sm';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { RunningWorkerService, startWorkerService } from '@vault-sync/worker-runtime';
import { randomBytes } from 'node:crypto';

/** The app's wiring, as main.ts starts it, with the configuration given instead of read from the process. */
describe('worker-gcp-sm service', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let gcp: RunningGcpSmEmulator;
  let service: RunningWorkerService | undefined;

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator({ rootToken: 'hvs.worker-gcp-sm-root' });
    gcp = await startGcpSmEmulator();
  });
  afterAll(async () => {
    await service?.close();
    await gcp.close();
    await vault.close();
    await redis.cleanup();
  });

  it('consumes the gcp-sm queue and reports its health until closed', async () => {
    const fromEnvironment = loadConfig({
      REDIS_URL: redis.url,
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: 'hvs.worker-gcp-sm-root',
      SYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SYNC_WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    // The test prefix is longer than SYNC_KEY_PREFIX allows; it keeps this run's keys apart from every other.
    const config = { ...fromEnvironment, redis: { ...fromEnvironment.redis, keyPrefix: redis.prefix } };
    const adapters = gcpSecretManagerAdapters({ apiEndpoint: gcp.host, port: gcp.port, insecure: true });
    service = await startWorkerService({ adapters, config, logger: createLogger({ service: 'worker-gcp-sm-test', level: 'silent' }) });

    expect(adapters.kind).toBe('gcp-sm');
    expect(service.queueName).toContain('gcp-sm');
    const health = await fetch(`${service.healthUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', queue: service.queueName });

    await service.close();
    service = undefined;
  });
});
