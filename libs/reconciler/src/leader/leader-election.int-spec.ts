import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { ReconcilerLogger } from '../reconciler-logger';
import { LeaderElection } from './leader-election';
import { Lease, RedisLeaderLock } from './leader-lock';

const quiet: ReconcilerLogger = { info: () => undefined, warn: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('leader lock and election (real Redis)', () => {
  let redis: TestRedis;
  const lock = (ttlMs: number) => new RedisLeaderLock({ redis: redis.redis, keyPrefix: redis.prefix, name: 'reconciler', ttlMs });

  beforeEach(async () => {
    redis = await createTestRedis();
  });

  afterEach(async () => {
    await redis.cleanup();
  });

  it('grants one lease at a time, with a larger fencing token on every acquisition', async () => {
    const first = (await lock(10_000).tryAcquire('a')) as Lease;
    expect(first).toEqual({ ownerId: 'a', token: expect.any(Number) });
    expect(await lock(10_000).tryAcquire('b')).toBeUndefined();
    await lock(10_000).release(first);
    const second = (await lock(10_000).tryAcquire('b')) as Lease;
    expect(second.token).toBeGreaterThan(first.token);
  });

  it('lets only the holder renew and release', async () => {
    const held = (await lock(10_000).tryAcquire('a')) as Lease;
    const impostor: Lease = { ownerId: 'b', token: held.token };
    expect(await lock(10_000).renew(impostor)).toBe(false);
    await lock(10_000).release(impostor);
    expect(await lock(10_000).isCurrent(held)).toBe(true);
    expect(await lock(10_000).renew(held)).toBe(true);
  });

  it('fences off a holder whose renewal stopped: its lease expires, a successor takes over, the old token fails', async () => {
    const ttlMs = 300;
    const paused = (await lock(ttlMs).tryAcquire('paused')) as Lease;
    expect(await lock(ttlMs).isCurrent(paused)).toBe(true);
    // No renewal: as if the process froze (GC pause, stopped VM) past its TTL.
    let successor: Lease | undefined;
    for (const deadline = Date.now() + 3000; !successor && Date.now() < deadline; await sleep(25)) successor = await lock(ttlMs).tryAcquire('successor');
    expect(successor?.token).toBeGreaterThan(paused.token);
    // Waking up, the old holder can neither pass the fencing check, nor renew, nor release the new lease.
    expect(await lock(ttlMs).isCurrent(paused)).toBe(false);
    expect(await lock(ttlMs).renew(paused)).toBe(false);
    await lock(ttlMs).release(paused);
    expect(await lock(ttlMs).isCurrent(successor as Lease)).toBe(true);
  });

  it('elects exactly one of two instances and hands over when the leader stops', async () => {
    const elected: string[] = [];
    const instances = ['a', 'b'].map((name) => new LeaderElection({ lock: lock(1_000), logger: quiet, onElected: () => elected.push(name) }));
    instances.forEach((instance) => instance.start());
    try {
      await waitUntil(() => instances.some((instance) => instance.lease !== undefined));
      await sleep(700); // several renewal rounds: the follower keeps failing to acquire
      const leaders = instances.filter((instance) => instance.lease !== undefined);
      expect(leaders).toHaveLength(1);
      expect(elected).toHaveLength(1);
      const [leader] = leaders;
      const follower = instances.find((instance) => instance !== leader) as LeaderElection;
      const oldLease = leader.lease as Lease;
      await leader.stop();
      await waitUntil(() => follower.lease !== undefined);
      expect((follower.lease as Lease).token).toBeGreaterThan(oldLease.token);
      expect(await follower.isCurrent(follower.lease as Lease)).toBe(true);
      expect(await follower.isCurrent(oldLease)).toBe(false);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  });

  it('replaces a leader whose renewals cannot reach Redis, and that leader steps down by itself', async () => {
    const connections = [await redis.connect(), await redis.connect()];
    const deposed: string[] = [];
    const instances = connections.map(
      (connection, i) =>
        new LeaderElection({
          lock: new RedisLeaderLock({ redis: connection, keyPrefix: redis.prefix, name: 'reconciler', ttlMs: 500 }),
          logger: quiet,
          onDeposed: () => deposed.push(String(i)),
        }),
    );
    instances.forEach((instance) => instance.start());
    try {
      await waitUntil(() => instances.some((instance) => instance.lease !== undefined));
      const leaderIndex = instances.findIndex((instance) => instance.lease !== undefined);
      const oldLease = instances[leaderIndex].lease as Lease;
      connections[leaderIndex].disconnect(); // renewals now fail: the lease runs out in Redis
      const follower = instances[1 - leaderIndex];
      await waitUntil(() => follower.lease !== undefined && instances[leaderIndex].lease === undefined);
      expect(deposed).toEqual([String(leaderIndex)]);
      expect((follower.lease as Lease).token).toBeGreaterThan(oldLease.token);
      expect(await follower.isCurrent(oldLease)).toBe(false);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
  });

  it('keeps the lease alive through renewals well past its TTL', async () => {
    const election = new LeaderElection({ lock: lock(300), logger: quiet });
    election.start();
    try {
      await waitUntil(() => election.lease !== undefined);
      const lease = election.lease as Lease;
      await sleep(1_000);
      expect(election.lease).toEqual(lease);
      expect(await election.isCurrent(lease)).toBe(true);
    } finally {
      await election.stop();
    }
  });
});
