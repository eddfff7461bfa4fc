import { setTimeout as sleep } from 'node:timers/promises';
import { DestinationRef, ErrorCode, ExternalServiceError, SyncEvent, SyncStatus } from '@vault-sync/domain';
import { RunLeaseRepository, StoreKeys } from '@vault-sync/store';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { gate } from '../__fixtures__/gate';
import { InMemoryDestination } from '../__fixtures__/in-memory-destination';
import { WorkerHarness } from '../__fixtures__/worker-harness';
import { RateGovernor } from '../governor/rate-governor';

describe('ordering, freshness and the rate governor', () => {
  let redis: TestRedis;
  let vault: RunningVaultEmulator;
  let harness: WorkerHarness;
  const aws = new InMemoryDestination();
  const gh = new InMemoryDestination(false);
  const awsRef: DestinationRef = { type: 'aws-sm', name: 'ordered' };
  const ghRef: DestinationRef = { type: 'gh', name: 'slow' };
  const GH_DOMAIN = { requestsPerSecond: 2, burst: 2 };

  beforeAll(async () => {
    redis = await createTestRedis();
    vault = await startVaultEmulator();
    harness = await WorkerHarness.create({ redisUrl: redis.url, prefix: redis.prefix, vaultUrl: vault.url, vaultToken: vault.rootToken });
    await harness.createDestination(awsRef);
    await harness.createDestination(ghRef);
    await harness.startWorker({ adapters: aws.factory('aws-sm'), leaseTtlMs: 600 });
    await harness.startWorker({ adapters: gh.factory('gh', GH_DOMAIN) });
  });

  afterAll(async () => {
    await harness.close();
    await vault.close();
    await redis.cleanup();
  });

  const callsFor = (name: string, op?: string) => aws.calls.filter((call) => call.name === name && (op === undefined || call.op === op)).length;

  it('runs exactly once more after a change that arrives during an active run', async () => {
    const held = gate();
    const writing = gate();
    aws.beforeWrite = async (object) => {
      if (object.name === 'vault/app/race' && object.value.includes('v1')) {
        writing.open();
        await held.opened;
      }
    };
    await harness.writeSecret('app/race', { v: 'v1' });
    const id = await harness.associate(awsRef, 'app/race');
    await writing.opened;
    await harness.writeSecret('app/race', { v: 'v2' });
    await harness.queueSync(id, 2);
    held.open();
    await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced && a.syncedVersion === 2);
    await sleep(300);
    expect(aws.objects.get('vault/app/race')?.value).toBe('{"v":"v2"}');
    expect(callsFor('vault/app/race', 'inspect')).toBe(2);
    expect(callsFor('vault/app/race', 'write')).toBe(2);
  });

  it('heals a stalled run that wrote an older version after losing its lease, and ignores a stale duplicate job', async () => {
    const held = gate();
    const writing = gate();
    aws.beforeWrite = async (object) => {
      if (object.name === 'vault/app/zombie' && object.value.includes('v1')) {
        writing.open();
        await held.opened;
      }
    };
    const ref = { destination: awsRef, mountAccessor: harness.accessor, secretPath: 'app/zombie' };
    await harness.writeSecret('app/zombie', { v: 'v1' });
    const id = await harness.associate(awsRef, 'app/zombie');
    await writing.opened;
    // The run stalls past its lease (as in a long GC pause): the lease lapses and another run takes over.
    await redis.redis.del(new StoreKeys(redis.prefix).runLease(id));
    await harness.writeSecret('app/zombie', { v: 'v2' });
    const { association } = await harness.associations.applyEvent(id, SyncEvent.QueueSync);
    // A second job of the association (another deduplication key, as a reconciler's unsync has) runs meanwhile.
    await harness.producer.enqueueUnsync(ref, association.generation, false, 'reconciler');
    await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced && a.syncedVersion === 2);
    expect(aws.objects.get('vault/app/zombie')?.value).toBe('{"v":"v2"}');

    held.open(); // the stalled run wakes up and writes v1 over v2; its ledger write is fenced off
    await harness.until(
      async () => ({ value: aws.objects.get('vault/app/zombie')?.value, writes: callsFor('vault/app/zombie', 'write') }),
      (seen) => seen.writes === 3 && seen.value === '{"v":"v2"}',
    );
    const healed = await harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced);
    expect(healed?.syncedVersion).toBe(2);
    expect(await harness.ledger.get(awsRef, 'vault/app/zombie')).toMatchObject({ vaultVersion: 2 });
    expect(await new RunLeaseRepository({ redis: redis.redis, prefix: redis.prefix }).rewriteMark(id)).toBeUndefined();

    // A duplicated job of the first generation, carrying the old version, changes nothing.
    await harness.producer.enqueueSync(ref, 1, 'audit-device', 1);
    await sleep(300);
    expect(callsFor('vault/app/zombie', 'write')).toBe(3);
    expect(aws.objects.get('vault/app/zombie')?.value).toBe('{"v":"v2"}');
  });

  it('shares one token bucket between replicas, and halves the rate on throttling', async () => {
    const governors = [new RateGovernor(await redis.connect(), redis.prefix), new RateGovernor(await redis.connect(), redis.prefix)];
    const domain = { key: 'shared-domain', requestsPerSecond: 2, burst: 4 };
    const admissions = [];
    for (let i = 0; i < 5; i++) admissions.push(await governors[i % 2].acquire(domain, 1));
    expect(admissions.filter((admission) => admission.granted)).toHaveLength(4);
    const denied = admissions[4];
    expect(denied.granted).toBe(false);
    expect(!denied.granted && denied.retryInMs).toBeLessThanOrEqual(500);

    expect(await governors[1].penalize(domain)).toBe(0.5);
    const slowed = await governors[0].acquire(domain, 1);
    expect(!slowed.granted && slowed.retryInMs).toBeGreaterThan(500);
  });

  it('delays a throttled job without spending an attempt, and slows down when the destination throttles', async () => {
    gh.failNext('write', 'VAULT_CI_ONE_A', new ExternalServiceError(ErrorCode.DestinationThrottled, 'secondary rate limit', { statusCode: 403, retryAfterMs: 50 }));
    await harness.writeSecret('ci/one', { a: '1', b: '2' });
    await harness.writeSecret('ci/two', { c: '3', d: '4' });
    const first = await harness.associate(ghRef, 'ci/one');
    const second = await harness.associate(ghRef, 'ci/two');
    const done = await Promise.all([first, second].map((id) => harness.until(() => harness.association(id), (a) => a?.status === SyncStatus.Synced, 20_000)));
    // ci/one retried once after the throttling answer; ci/two only ever waited for tokens.
    expect(done.map((association) => association?.attempts)).toEqual([2, 1]);
    expect(harness.logger.lines.some((line) => line.includes('"job delayed"'))).toBe(true);
    const share = await redis.redis.hget(`${redis.prefix}:rate-limit:in-memory:gh/slow`, 'share');
    expect(Number(share)).toBeLessThan(1);
  });
});
