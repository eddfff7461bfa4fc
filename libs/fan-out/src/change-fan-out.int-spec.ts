import { randomBytes } from 'node:crypto';
import { ObservedSecretChange } from '@vault-sync/change-capture';
import { DestinationRef, associationId } from '@vault-sync/domain';
import { JobName, SYNC_QUEUES, SyncJobProducer, queuePrefix } from '@vault-sync/jobs';
import { AssociationRepository, CredentialCipher, DestinationRepository, closeRedisConnection, connectRedis } from '@vault-sync/store';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ChangeFanOut, FanOutDependencies } from './change-fan-out';
import { RedisRequestClaims } from './request-claims';

const gh: DestinationRef = { type: 'gh', name: 'ci' };
const aws: DestinationRef = { type: 'aws-sm', name: 'prod' };
const secret = { mountAccessor: 'kv_1', secretPath: 'app/db' };

describe('ChangeFanOut on the real store and queues', () => {
  let redis: TestRedis;
  let connection: Redis;
  let producer: SyncJobProducer;
  let associations: AssociationRepository;
  let deps: FanOutDependencies;
  const queues: Queue[] = [];
  const errors: Error[] = [];

  beforeEach(async () => {
    redis = await createTestRedis();
    connection = await connectRedis({ url: redis.url, flavour: 'fail-fast', onError: (error) => errors.push(error) });
    producer = new SyncJobProducer({ connection, keyPrefix: redis.prefix, onError: (error) => errors.push(error) });
    const ctx = { redis: redis.redis, prefix: redis.prefix };
    associations = new AssociationRepository(ctx);
    const destinations = new DestinationRepository(ctx, new CredentialCipher(randomBytes(32)));
    for (const ref of [gh, aws]) {
      await destinations.create({ ...ref, connection: {}, credentials: { token: 'x' }, options: { granularity: 'secret-path', secretNameTemplate: '{{ .SecretPath }}', customTags: {}, adoptExisting: false } });
      await associations.set({ destination: ref, ...secret, mountPath: 'secret' });
    }
    deps = {
      associations,
      destinations,
      queues: producer,
      mounts: { accessorAt: async () => undefined, refresh: async () => undefined },
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
    };
  });

  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.close()));
    await producer.close();
    await closeRedisConnection(connection);
    await redis.cleanup();
    expect(errors).toEqual([]);
  });

  const queueOf = (destination: DestinationRef) => {
    const queue = new Queue(SYNC_QUEUES[destination.type], { connection, prefix: queuePrefix(redis.prefix, destination.type) });
    queues.push(queue);
    return queue;
  };

  let sequence = 0;
  const write = (version: number): ObservedSecretChange => ({
    kind: 'secret',
    ...secret,
    mountPath: 'secret/',
    operation: 'write',
    observedVersion: version,
    requestId: `req-${(sequence += 1)}`,
    time: '2025-01-01T00:00:00Z',
  });

  it('coalesces a burst into one waiting job per association, whose run reads the last generation', async () => {
    const fanOut = new ChangeFanOut(deps);
    const [ghQueue, awsQueue] = [queueOf(gh), queueOf(aws)];
    const burst = 200;
    for (let version = 1; version <= burst; version += 1) {
      await fanOut.handle(write(version), 'audit-device');
      if (version % 25 === 0) expect(Math.max(await ghQueue.getWaitingCount(), await awsQueue.getWaitingCount())).toBeLessThanOrEqual(1);
    }
    await fanOut.idle();
    for (const [destination, queue] of [[gh, ghQueue], [aws, awsQueue]] as const) {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active']);
      expect(jobs.map((job) => [job.name, job.data.association])).toEqual([[JobName.SyncAssociation, { destination, ...secret }]]);
      const stored = await associations.get(associationId(destination, secret));
      // `set` made generation 1; each fan-out started a new one. The waiting job runs for the generation it reads.
      expect(stored?.generation).toBe(1 + fanOut.counters.queued / 2);
      expect(jobs[0]?.data.generation).toBeLessThanOrEqual(stored?.generation ?? 0);
    }
    const { received, completed, coalesced, queued } = fanOut.counters;
    expect({ received, completed }).toEqual({ received: burst, completed: burst });
    expect(queued / 2 + coalesced).toBe(burst);
  });

  it('queues an entry once when two replicas see it, through the shared request claims', async () => {
    const claims = new RedisRequestClaims(redis.redis, redis.prefix);
    const [first, second] = [new ChangeFanOut({ ...deps, claims }), new ChangeFanOut({ ...deps, claims })];
    const change = write(1);
    await Promise.all([first.handle(change, 'audit-device'), second.handle({ ...change }, 'audit-device')]);
    await Promise.all([first.idle(), second.idle()]);
    expect(first.counters.queued + second.counters.queued).toBe(2);
    expect(first.counters.duplicates + second.counters.duplicates).toBe(1);
    expect((await associations.get(associationId(gh, secret)))?.generation).toBe(2);
  });

  it('lets a claim lapse after its lifetime', async () => {
    const claims = new RedisRequestClaims(redis.redis, redis.prefix, 50);
    expect(await claims.claim('req-x')).toBe(true);
    expect(await claims.claim('req-x')).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await claims.claim('req-x')).toBe(true);
  });
});
