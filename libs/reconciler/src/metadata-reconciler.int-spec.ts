import { ErrorCode, FailureClass, SyncEvent, SyncStatus, associationId } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { ROOT_TOKEN, ReconcilerWorld, quietLogger, startReconcilerWorld, waitUntil } from './__fixtures__/reconciler-world';
import { Lease, RedisLeaderLock } from './leader/leader-lock';
import { MetadataReconciler } from './metadata-reconciler';
import { AssociationRunQueue } from './reconcile/association-run-queue';
import { ReconcilePass, queuedBy } from './reconcile/reconcile-pass';

const HOUR_MS = 3_600_000;

describe('metadata reconciler (Vault emulator, real Redis and queues)', () => {
  let emulator: RunningVaultEmulator;
  let redis: TestRedis;
  let world: ReconcilerWorld;
  let clockOffsetMs: number;

  const pass = () =>
    new ReconcilePass(
      { ...world, runs: new AssociationRunQueue(world), logger: quietLogger },
      { concurrency: 4, batchSize: 2, errorRetryAfterMs: 60_000, pendingStaleAfterMs: 60_000, now: () => Date.now() + clockOffsetMs },
    );
  const stillLeader = async () => true;
  const write = (path: string, data: Record<string, string>) => world.admin.write(`secret/data/${path}`, { data });

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT_TOKEN });
    redis = await createTestRedis();
    world = await startReconcilerWorld({ vaultUrl: emulator.url, redis });
    clockOffsetMs = 0;
  });

  afterEach(async () => {
    await world.close();
    await redis.cleanup();
    await emulator.close();
    expect(world.redisErrors).toEqual([]);
  });

  it('finds in one pass every change made while no feed was running, and only those', async () => {
    for (const path of ['written', 'deleted', 'destroyed', 'metadata-gone', 'unchanged', 'recreated']) await write(path, { v: '1' });
    for (const path of ['written', 'deleted', 'destroyed', 'metadata-gone', 'unchanged']) await world.settledAssociation(path, 1);
    const unsynced = await world.settledAssociation('recreated'); // was unsynced after a delete; the path was written again since
    await write('written', { v: '2' });
    await world.admin.delete('secret/data/deleted');
    await world.admin.write('secret/destroy/destroyed', { versions: [1] });
    await world.admin.delete('secret/metadata/metadata-gone');

    const report = await pass().run(stillLeader);

    expect(report).toMatchObject({ secrets: 6, associations: 6, synced: { changed: 1, gone: 3, reappeared: 1 }, requeued: 0, vaultErrors: 0, fenced: false });
    // Every job is a sync: the worker reads Vault when it runs and unsyncs what is no longer live.
    expect(await world.queuedJobs()).toEqual([
      { name: 'SyncAssociation', secretPath: 'deleted', generation: 2, trigger: 'reconciler' },
      { name: 'SyncAssociation', secretPath: 'destroyed', generation: 2, trigger: 'reconciler' },
      { name: 'SyncAssociation', secretPath: 'metadata-gone', generation: 2, trigger: 'reconciler' },
      { name: 'SyncAssociation', secretPath: 'recreated', generation: unsynced.generation + 1, trigger: 'reconciler', observedVersion: 1 },
      { name: 'SyncAssociation', secretPath: 'written', generation: 2, trigger: 'reconciler', observedVersion: 2 },
    ]);
    // Each job carries the generation its queue event recorded (settled at 1, bumped once).
    for (const job of await world.queuedJobs()) expect(await world.association(job.secretPath)).toMatchObject({ status: SyncStatus.Pending, generation: job.generation });
    expect((await world.association('unchanged'))?.status).toBe(SyncStatus.Synced);
    // Queued runs are under way: a second pass adds nothing.
    expect(queuedBy(await pass().run(stillLeader))).toBe(0);
  });

  it('catches a version that expired through delete_version_after, which no feed reports', async () => {
    await world.admin.write('secret/metadata/expiring', { delete_version_after: '1h' });
    await write('expiring', { v: '1' });
    await world.settledAssociation('expiring', 1);
    expect(queuedBy(await pass().run(stillLeader))).toBe(0);

    emulator.advanceClock(2 * HOUR_MS);
    clockOffsetMs = 2 * HOUR_MS;

    expect((await pass().run(stillLeader)).synced).toMatchObject({ gone: 1 });
    expect(await world.queuedJobs()).toEqual([{ name: 'SyncAssociation', secretPath: 'expiring', generation: 2, trigger: 'reconciler' }]);
  });

  it('re-adds the job of an association left pending without one', async () => {
    await write('stranded', { v: '1' });
    await world.associations.set({ destination: { type: 'gh', name: 'ci-repo' }, mountAccessor: world.mountAccessor, secretPath: 'stranded', mountPath: 'secret' });
    clockOffsetMs = 2 * 60_000; // as if the process died between recording the association and queueing its job

    expect(await pass().run(stillLeader)).toMatchObject({ requeued: 1, synced: { changed: 0, gone: 0, reappeared: 0 } });
    expect(await world.queuedJobs()).toEqual([{ name: 'SyncAssociation', secretPath: 'stranded', generation: 1, trigger: 'reconciler' }]);
  });

  it('re-attempts a failed removal as the same unsync once the retry delay has passed', async () => {
    await write('leaving', { v: '1' });
    const settled = await world.settledAssociation('leaving', 1);
    const id = associationId(settled.destination, settled);
    await world.associations.applyEvent(id, SyncEvent.QueueUnsync, { removeWhenUnsynced: true });
    await world.associations.applyEvent(id, SyncEvent.StartUnsync);
    const error = { failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, message: 'destination unavailable' };
    const { association: failed } = await world.associations.applyEvent(id, SyncEvent.FailExternal, { error });
    expect(queuedBy(await pass().run(stillLeader))).toBe(0);

    clockOffsetMs = 2 * 60_000;
    expect(await pass().run(stillLeader)).toMatchObject({ requeued: 1 });
    expect(await world.queuedJobs()).toEqual([
      { name: 'UnsyncAssociation', secretPath: 'leaving', generation: failed.generation, trigger: 'reconciler', removeAssociation: true },
    ]);
  });

  it('lets a fenced-off ex-leader queue nothing, while the new leader queues the change', async () => {
    await write('app', { v: '1' });
    await world.settledAssociation('app', 1);
    await write('app', { v: '2' });
    const lock = new RedisLeaderLock({ redis: redis.redis, keyPrefix: redis.prefix, name: 'reconciler', ttlMs: 200 });
    const exLeader = (await lock.tryAcquire('ex-leader')) as Lease;
    let successor: Lease | undefined;
    while (!successor) successor = await lock.tryAcquire('successor');

    const stale = await pass().run(() => lock.isCurrent(exLeader));
    expect(stale.fenced).toBe(true);
    expect(queuedBy(stale)).toBe(0);
    expect(await world.queuedJobs()).toEqual([]);
    expect((await world.association('app'))?.status).toBe(SyncStatus.Synced);

    const current = await pass().run(() => lock.isCurrent(successor as Lease));
    expect(current).toMatchObject({ fenced: false, synced: { changed: 1 } });
  });

  it('runs passes on the leader replica only', async () => {
    await write('app', { v: '1' });
    await world.settledAssociation('app', 1);
    const replicas = [0, 1].map(() =>
      MetadataReconciler.start({ ...world, redis: redis.redis, keyPrefix: redis.prefix, logger: quietLogger, intervalMs: 100, leaseTtlMs: 2_000 }),
    );
    try {
      await waitUntil(() => replicas.some((replica) => replica.stats().passes >= 3));
      await write('app', { v: '2' });
      await waitUntil(async () => (await world.queuedJobs()).length === 1);
      const [leader, follower] = replicas[0].isLeader() ? replicas : [replicas[1], replicas[0]];
      expect(leader.isLeader()).toBe(true);
      expect(follower.isLeader()).toBe(false);
      expect(follower.stats().passes).toBe(0);
      expect(leader.stats().synced.changed).toBe(1);
      expect(await world.queuedJobs()).toEqual([{ name: 'SyncAssociation', secretPath: 'app', generation: 2, trigger: 'reconciler', observedVersion: 2 }]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
