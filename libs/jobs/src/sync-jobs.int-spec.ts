import { connectRedis, closeRedisConnection } from '@vault-sync/store';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AssociationJobRef, JobName, PayloadOf, SYNC_QUEUES } from './contracts';
import { InvalidJobPayloadError } from './invalid-job-payload.error';
import { JobLogger } from './job-logger';
import { queuePrefix } from './queue-prefix';
import { SyncJobProducer } from './sync-job-producer';
import { SyncJobHandlers, SyncWorker, createSyncWorker } from './sync-worker';

const association: AssociationJobRef = {
  destination: { type: 'gh', name: 'ci-repo' },
  mountAccessor: 'kv_1a2b3c4d',
  secretPath: 'ci/very-private-path',
};
const otherAssociation: AssociationJobRef = { ...association, secretPath: 'ci/other' };

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

class RecordingLogger implements JobLogger {
  readonly lines: { level: string; details: object; message: string }[] = [];
  info(details: object, message: string): void {
    this.lines.push({ level: 'info', details, message });
  }
  warn(details: object, message: string): void {
    this.lines.push({ level: 'warn', details, message });
  }
  error(details: object, message: string): void {
    this.lines.push({ level: 'error', details, message });
  }
}

type Call = { name: JobName; payload: PayloadOf<JobName>; job: Job };

describe('SyncJobProducer and createSyncWorker (real Redis)', () => {
  let redis: TestRedis;
  let producerConnection: Redis;
  let workerConnection: Redis;
  let producer: SyncJobProducer;
  let logger: RecordingLogger;
  let calls: Call[];
  const workers: SyncWorker[] = [];
  const queueErrors: Error[] = [];

  beforeEach(async () => {
    redis = await createTestRedis();
    const onError = (error: Error) => queueErrors.push(error);
    producerConnection = await connectRedis({ url: redis.url, flavour: 'fail-fast', onError });
    workerConnection = await connectRedis({ url: redis.url, flavour: 'worker', onError });
    producer = new SyncJobProducer({ connection: producerConnection, keyPrefix: redis.prefix, onError });
    logger = new RecordingLogger();
    calls = [];
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
    await producer.close();
    await closeRedisConnection(producerConnection);
    await closeRedisConnection(workerConnection);
    await redis.cleanup();
    expect(queueErrors).toEqual([]);
  });

  /** Handlers that record every call; `gate`, when given, holds each run until released. */
  function recordingHandlers(gate?: () => Promise<void>): SyncJobHandlers {
    const record = async (name: JobName, payload: PayloadOf<JobName>, job: Job) => {
      calls.push({ name, payload, job });
      if (gate) await gate();
    };
    return {
      [JobName.SyncAssociation]: (payload, job) => record(JobName.SyncAssociation, payload, job),
      [JobName.UnsyncAssociation]: (payload, job) => record(JobName.UnsyncAssociation, payload, job),
      [JobName.PurgeDestination]: (payload, job) => record(JobName.PurgeDestination, payload, job),
    };
  }

  function startWorker(handlers: SyncJobHandlers, kind: 'gh' | 'aws-sm' = 'gh'): SyncWorker {
    const worker = createSyncWorker(kind, handlers, { connection: workerConnection, keyPrefix: redis.prefix, concurrency: 2, logger });
    workers.push(worker);
    return worker;
  }

  /** A plain BullMQ queue on the same keys, to look at what the producer wrote. */
  async function inspect<T>(kind: 'gh' | 'aws-sm', look: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = new Queue(SYNC_QUEUES[kind], { connection: producerConnection, prefix: queuePrefix(redis.prefix, kind) });
    try {
      return await look(queue);
    } finally {
      await queue.close();
    }
  }

  describe('producer', () => {
    it('adds a validated job to its kind’s queue, under the hash-tagged prefix', async () => {
      const { queue, jobId } = await producer.enqueueSync(association, 1, 'api', 7);
      expect(queue).toBe('sync-gh');
      const job = await inspect('gh', (q) => q.getJob(jobId));
      expect(job?.name).toBe(JobName.SyncAssociation);
      expect(job?.data).toEqual({ association, generation: 1, trigger: 'api', observedVersion: 7 });
      expect(job?.opts.attempts).toBeGreaterThan(1);
      expect(await inspect('aws-sm', (q) => q.count())).toBe(0);
      const keys = await redis.redis.keys(`{${redis.prefix}:sync-gh}:sync-gh:*`);
      expect(keys.length).toBeGreaterThan(0);
    });

    it('coalesces a burst of changes to one association into one waiting job', async () => {
      const first = await producer.enqueueSync(association, 1, 'api');
      for (let generation = 2; generation <= 5; generation++) {
        expect((await producer.enqueueSync(association, generation, 'audit-device')).jobId).toBe(first.jobId);
      }
      expect(await producer.pendingCount()).toBe(1);
      // other associations and the other operation are not coalesced with it
      await producer.enqueueSync(otherAssociation, 1, 'api');
      await producer.enqueueUnsync(association, 6, true, 'api');
      expect(await producer.pendingCount()).toBe(3);
    });

    it('counts unfinished jobs across every queue, and stops counting them once done', async () => {
      await producer.enqueueSync(association, 1, 'api');
      await producer.enqueueSync({ ...association, destination: { type: 'aws-sm', name: 'prod' } }, 1, 'api');
      await producer.enqueuePurge({ type: 'gh', name: 'other-repo' });
      expect(await producer.pendingCount()).toBe(3);
      startWorker(recordingHandlers());
      startWorker(recordingHandlers(), 'aws-sm');
      await waitUntil(async () => (await producer.pendingCount()) === 0, 'all jobs to finish');
      expect(calls.map((call) => call.name).sort()).toEqual([JobName.PurgeDestination, JobName.SyncAssociation, JobName.SyncAssociation]);
    });

    it('rejects a payload that breaks the contract, adds nothing, and never echoes the value', async () => {
      await expect(producer.enqueueSync(association, -1, 'api')).rejects.toThrow(InvalidJobPayloadError);
      const smuggled = { ...association, value: 'hunter2-secret' } as AssociationJobRef;
      const error = await producer.enqueueUnsync(smuggled, 1, true, 'api').catch((err: unknown) => err);
      expect(error).toBeInstanceOf(InvalidJobPayloadError);
      expect((error as Error).message).toMatch(/association.*value/);
      expect((error as Error).message).not.toContain('hunter2-secret');
      expect(await producer.pendingCount()).toBe(0);
    });

    it('pauses and resumes every queue: jobs wait while paused and run after resume', async () => {
      await producer.pauseAll();
      startWorker(recordingHandlers());
      await producer.enqueueSync(association, 1, 'api');
      await new Promise((r) => setTimeout(r, 500));
      expect(calls).toHaveLength(0);
      expect(await producer.pendingCount()).toBe(1);
      expect(await inspect('aws-sm', (q) => q.isPaused())).toBe(true);
      await producer.resumeAll();
      await waitUntil(() => calls.length === 1, 'the job to run after resume');
      expect(await inspect('aws-sm', (q) => q.isPaused())).toBe(false);
    });
  });

  describe('coalescing while a run is active', () => {
    it('queues exactly one more run, with the newest payload, for changes that arrive mid-run', async () => {
      const release = deferred();
      startWorker(recordingHandlers(() => (calls.length === 1 ? release.promise : Promise.resolve())));
      await producer.enqueueSync(association, 1, 'api');
      await waitUntil(() => calls.length === 1, 'the first run to start');
      await producer.enqueueSync(association, 2, 'audit-device');
      await producer.enqueueSync(association, 3, 'audit-device', 9);
      expect(await producer.pendingCount()).toBe(1); // the active run; the next one is held aside by BullMQ
      release.resolve();
      await waitUntil(() => calls.length === 2, 'the follow-up run');
      await waitUntil(async () => (await producer.pendingCount()) === 0, 'the follow-up run to finish');
      await new Promise((r) => setTimeout(r, 300));
      expect(calls).toHaveLength(2);
      expect(calls[1].payload).toEqual({ association, generation: 3, trigger: 'audit-device', observedVersion: 9 });
      expect(calls[1].job.id).not.toBe(calls[0].job.id);
    });
  });

  describe('worker', () => {
    it('dispatches each job name to its handler with the parsed payload', async () => {
      startWorker(recordingHandlers());
      await producer.enqueueSync(association, 1, 'api');
      await producer.enqueueUnsync(otherAssociation, 4, true, 'reconciler');
      await producer.enqueuePurge({ type: 'gh', name: 'ci-repo' });
      await waitUntil(() => calls.length === 3, 'three runs');
      const byName = Object.fromEntries(calls.map((call) => [call.name, call.payload]));
      expect(byName).toEqual({
        [JobName.SyncAssociation]: { association, generation: 1, trigger: 'api' },
        [JobName.UnsyncAssociation]: { association: otherAssociation, generation: 4, removeAssociation: true, trigger: 'reconciler' },
        [JobName.PurgeDestination]: { destination: { type: 'gh', name: 'ci-repo' } },
      });
    });

    it('fails a job whose payload does not parse at once, without calling a handler or retrying', async () => {
      startWorker(recordingHandlers());
      const raw = await inspect('gh', (q) =>
        q.add(JobName.SyncAssociation, { association, generation: 1, trigger: 'api', value: 'hunter2-secret' }, { attempts: 5 }),
      );
      await waitUntil(async () => (await inspect('gh', (q) => q.getJobState(String(raw.id)))) === 'failed', 'the job to fail');
      const failed = await inspect('gh', (q) => q.getJob(String(raw.id)));
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toMatch(/invalid SyncAssociation payload/);
      expect(failed?.failedReason).not.toContain('hunter2-secret');
      expect(calls).toHaveLength(0);
      expect(JSON.stringify(logger.lines)).not.toContain('hunter2-secret');
    });

    it('logs job name, id and duration, never the payload', async () => {
      startWorker(recordingHandlers());
      await producer.enqueueSync(association, 1, 'api');
      await waitUntil(() => logger.lines.some((line) => line.message === 'job done'), 'the run to be logged');
      const done = logger.lines.find((line) => line.message === 'job done');
      expect(done?.details).toMatchObject({ queue: 'sync-gh', jobName: JobName.SyncAssociation, jobId: expect.any(String) });
      expect(done?.details).toHaveProperty('durationMs');
      expect(JSON.stringify(logger.lines)).not.toContain(association.secretPath);
    });

    it('refuses to start without a handler for every job name, or on a fail-fast connection', () => {
      const incomplete: Partial<SyncJobHandlers> = recordingHandlers();
      delete incomplete[JobName.PurgeDestination];
      expect(() =>
        createSyncWorker('gh', incomplete as SyncJobHandlers, { connection: workerConnection, keyPrefix: redis.prefix, logger }),
      ).toThrow(/no handler for PurgeDestination/);
      expect(() =>
        createSyncWorker('gh', { ...recordingHandlers(), Bogus: async () => undefined } as SyncJobHandlers, {
          connection: workerConnection,
          keyPrefix: redis.prefix,
          logger,
        }),
      ).toThrow(/unknown jobs Bogus/);
      expect(() => createSyncWorker('gh', recordingHandlers(), { connection: producerConnection, keyPrefix: redis.prefix, logger })).toThrow(
        /maxRetriesPerRequest: null/,
      );
    });

    it('closes gracefully: waits for the running job to finish before resolving', async () => {
      const release = deferred();
      const worker = startWorker(recordingHandlers(() => release.promise));
      const { jobId } = await producer.enqueueSync(association, 1, 'api');
      await waitUntil(() => calls.length === 1, 'the run to start');
      let closed = false;
      const closing = worker.close().then(() => (closed = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(closed).toBe(false);
      release.resolve();
      await closing;
      expect(await inspect('gh', (q) => q.getJobState(jobId))).toBe('completed');
    });
  });
});
