import { AuditSocketFeed, ObservedChange } from '@vault-sync/change-capture';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { ROOT_TOKEN, ReconcilerWorld, quietLogger, startReconcilerWorld, waitUntil } from './__fixtures__/reconciler-world';
import { MetadataReconciler } from './metadata-reconciler';

const OUTAGE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The audit feed is the primary source of changes; here it loses every entry for 10 s (spec vault-change-capture
 * §1.2: entries are lost on reconnects, with no replay). The reconciler, polling metadata, must catch all of it.
 */
describe('reconciler behind a failing audit feed', () => {
  let emulator: RunningVaultEmulator;
  let redis: TestRedis;
  let world: ReconcilerWorld;
  let feed: AuditSocketFeed;
  let reconciler: MetadataReconciler | undefined;
  const dropped: ObservedChange[] = [];

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT_TOKEN });
    redis = await createTestRedis();
    world = await startReconcilerWorld({ vaultUrl: emulator.url, redis });
    feed = await AuditSocketFeed.start({ host: '127.0.0.1', port: 0, logger: quietLogger, onChange: (change) => void dropped.push(change) });
    await world.admin.enableAudit({ name: 'vault-sync', type: 'socket', options: { address: `127.0.0.1:${feed.address.port}`, socket_type: 'tcp' } });
  });

  afterEach(async () => {
    await reconciler?.close();
    await feed.close();
    await world.close();
    await redis.cleanup();
    await emulator.close();
  });

  it(`catches every change made while all audit entries were dropped for ${OUTAGE_MS / 1000} s`, async () => {
    for (const path of ['rotated', 'deleted', 'destroyed', 'removed']) {
      await world.admin.write(`secret/data/${path}`, { data: { v: '1' } });
      await world.settledAssociation(path, 1);
    }
    await world.settledAssociation('created-later');
    reconciler = MetadataReconciler.start({ ...world, redis: redis.redis, keyPrefix: redis.prefix, logger: quietLogger, intervalMs: 500 });
    await waitUntil(() => (reconciler?.stats().passes ?? 0) > 0);
    const changes: (() => Promise<unknown>)[] = [
      () => world.admin.write('secret/data/rotated', { data: { v: '2' } }),
      () => world.admin.delete('secret/data/deleted'),
      () => world.admin.write('secret/destroy/destroyed', { versions: [1] }),
      () => world.admin.write('secret/data/created-later', { data: { v: '1' } }),
      () => world.admin.delete('secret/metadata/removed'),
    ];
    dropped.length = 0;
    for (const change of changes) {
      await change();
      await sleep(OUTAGE_MS / changes.length);
    }

    await waitUntil(async () => (await world.queuedJobs()).length === changes.length);
    expect(dropped.filter((change) => change.kind === 'secret')).toHaveLength(changes.length);
    expect(await world.queuedJobs()).toEqual([
      { name: 'SyncAssociation', secretPath: 'created-later', generation: expect.any(Number), trigger: 'reconciler', observedVersion: 1 },
      { name: 'SyncAssociation', secretPath: 'deleted', generation: expect.any(Number), trigger: 'reconciler' },
      { name: 'SyncAssociation', secretPath: 'destroyed', generation: expect.any(Number), trigger: 'reconciler' },
      { name: 'SyncAssociation', secretPath: 'removed', generation: expect.any(Number), trigger: 'reconciler' },
      { name: 'SyncAssociation', secretPath: 'rotated', generation: expect.any(Number), trigger: 'reconciler', observedVersion: 2 },
    ]);
  });
});
