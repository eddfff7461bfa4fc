import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@vault-sync/config';
import { DestinationRef, ErrorCode, ExternalServiceError, SyncStatus } from '@vault-sync/domain';
import { createLogger } from '@vault-sync/logging';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { gate } from '../__fixtures__/gate';
import { InMemoryDestination } from '../__fixtures__/in-memory-destination';
import { WorkerHarness } from '../__fixtures__/worker-harness';
import { startWorkerService } from './start-worker-service';

describe('startWorkerService', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let harness: WorkerHarness;
  const destination = new InMemoryDestination();
  const ref: DestinationRef = { type: 'aws-sm', name: 'service' };

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator();
    harness = await WorkerHarness.create({ redisUrl: redis.url, prefix: redis.prefix, vaultUrl: vault.url, vaultToken: vault.rootToken });
    await harness.createDestination(ref);
  });

  afterAll(async () => {
    await harness.close();
    await vault.close();
    await redis.cleanup();
  });

  function config(overrides: Record<string, string> = {}) {
    const loaded = loadConfig({
      REDIS_URL: redis.url,
      VAULT_ADDR: vault.url,
      VAULT_TOKEN: vault.rootToken,
      SYNC_ENCRYPTION_KEY: harness.encryptionKey.toString('base64'),
      SYNC_WORKER_HEALTH_PORT: '0',
      SYNC_WORKER_CONCURRENCY: '2',
      SYNC_WORKER_SHUTDOWN_TIMEOUT_MS: '10000',
      ...overrides,
    });
    return { ...loaded, redis: { ...loaded.redis, keyPrefix: redis.prefix } };
  }

  it('serves health, syncs with its own Vault token, and finishes the running job before it stops', async () => {
    const held = gate();
    const writing = gate();
    destination.beforeWrite = async (object) => {
      if (object.name === 'vault/app/slow') {
        writing.open();
        await held.opened;
      }
    };
    const service = await startWorkerService({ adapters: destination.factory('aws-sm'), config: config(), logger: createLogger({ service: 'test', level: 'silent' }) });
    expect(service.queueName).toBe('sync-aws-sm');
    const health = await fetch(`${service.healthUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', queue: 'sync-aws-sm', redis: 'ok' });

    await harness.writeSecret('app/slow', { v: '1' });
    const id = await harness.associate(ref, 'app/slow');
    await writing.opened;
    const stopping = service.close();
    await sleep(200);
    expect((await harness.association(id))?.status).toBe(SyncStatus.Syncing);
    held.open();
    await stopping;
    expect((await harness.association(id))?.status).toBe(SyncStatus.Synced);

    await harness.writeSecret('app/after', { v: '1' });
    const after = await harness.associate(ref, 'app/after');
    await sleep(300);
    expect((await harness.association(after))?.status).toBe(SyncStatus.Pending);
  });

  it('gives up after SYNC_WORKER_MAX_ATTEMPTS runs', async () => {
    destination.beforeWrite = async () => undefined;
    const outage = new ExternalServiceError(ErrorCode.DestinationUnavailable, 'ServiceUnavailable', { statusCode: 503 });
    destination.failNext('write', 'vault/app/capped', outage, 5);
    const service = await startWorkerService({
      adapters: destination.factory('aws-sm'),
      config: config({ SYNC_WORKER_MAX_ATTEMPTS: '2' }),
      logger: createLogger({ service: 'test', level: 'silent' }),
    });
    try {
      await harness.writeSecret('app/capped', { v: '1' });
      const id = await harness.associate(ref, 'app/capped');
      const failed = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.ExternalServiceError && a.attempts === 2);
      await sleep(5_000);
      expect((await harness.association(id))?.attempts).toBe(failed?.attempts);
      expect(destination.calls.filter((call) => call.op === 'write' && call.name === 'vault/app/capped')).toHaveLength(2);
    } finally {
      await service.close();
    }
  });

  it('refuses to start without a Vault identity', async () => {
    const noVault = { ...config(), vault: { address: vault.url } };
    await expect(startWorkerService({ adapters: destination.factory('aws-sm'), config: noVault, logger: createLogger({ service: 'test', level: 'silent' }) })).rejects.toThrow(
      /VAULT_TOKEN/,
    );
  });
});
