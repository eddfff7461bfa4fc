import { setTimeout as sleep } from 'node:timers/promises';
import { DestinationKind } from '@vault-sync/domain';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { JobName, JobPayloads, PayloadOf, SYNC_QUEUES, SyncQueueName, isJobName } from './contracts';
import { InvalidJobPayloadError } from './invalid-job-payload.error';
import { JobLogger } from './job-logger';
import { queuePrefix } from './queue-prefix';

export type SyncJob<J extends JobName = JobName> = Job<PayloadOf<J>, void, J>;

/** One handler per job name; the payload arrives parsed against its contract. */
export type SyncJobHandlers = { [J in JobName]: (payload: PayloadOf<J>, job: SyncJob<J>) => Promise<void> };

export interface SyncWorkerOptions {
  /**
   * A worker-flavoured connection (store's `connectRedis({ flavour: 'worker' })`): `maxRetriesPerRequest: null`,
   * which BullMQ requires for its blocking commands. The worker duplicates it for the blocking connection and
   * leaves it open on close, for its owner to close after every worker is closed.
   */
  connection: Redis;
  /** SYNC_KEY_PREFIX; see `queuePrefix`. */
  keyPrefix: string;
  /** Jobs run at once by this worker. Default 1. */
  concurrency?: number;
  logger: JobLogger;
}

export interface SyncWorker {
  readonly queueName: SyncQueueName;
  /**
   * Graceful: stops taking jobs and waits for the running ones (BullMQ's `close()` has no timeout). With
   * `timeoutMs`, running jobs still unfinished by then are abandoned: their locks lapse and BullMQ's stall check
   * hands them to another worker.
   */
  close(options?: { timeoutMs?: number }): Promise<'drained' | 'timed-out'>;
}

/**
 * A BullMQ worker for one destination kind's queue that dispatches by job name to typed handlers. A payload
 * that does not parse fails at once (`UnrecoverableError`): retrying a broken contract cannot help. Handler
 * errors propagate unchanged, so BullMQ's attempts and backoff (or `UnrecoverableError`/`RateLimitError` thrown
 * by the handler) decide what happens next.
 */
export function createSyncWorker(kind: DestinationKind, handlers: SyncJobHandlers, options: SyncWorkerOptions): SyncWorker {
  assertHandlers(handlers);
  if (options.connection.options.maxRetriesPerRequest !== null) {
    throw new Error('a sync worker needs a connection with maxRetriesPerRequest: null (connectRedis flavour "worker")');
  }
  const queueName = SYNC_QUEUES[kind];
  const { logger } = options;
  const worker = new Worker<PayloadOf<JobName>, void, JobName>(queueName, (job) => runJob(job, handlers, logger), {
    connection: options.connection,
    prefix: queuePrefix(options.keyPrefix, kind),
    concurrency: options.concurrency ?? 1,
  });
  worker.on('error', (error) => logger.error({ queue: queueName, err: describeError(error) }, 'sync worker error'));
  worker.on('stalled', (jobId) => logger.warn({ queue: queueName, jobId }, 'job stalled; it will run again'));
  return { queueName, close: (closeOptions = {}) => closeWorker(worker, closeOptions.timeoutMs) };
}

async function closeWorker(worker: Pick<Worker, 'pause' | 'close'>, timeoutMs: number | undefined): Promise<'drained' | 'timed-out'> {
  if (timeoutMs === undefined) {
    await worker.close();
    return 'drained';
  }
  // Pausing stops fetching and resolves once the running jobs finish; BullMQ's close cannot be forced once begun.
  const timeout = new AbortController();
  const outcome = await Promise.race([
    worker.pause(false).then(() => 'drained' as const),
    sleep(timeoutMs, 'timed-out' as const, { signal: timeout.signal }),
  ]);
  timeout.abort();
  await worker.close(outcome === 'timed-out');
  return outcome;
}

/** Boot-time check: refuse to start with a job name unhandled, or a handler for a name that does not exist. */
function assertHandlers(handlers: SyncJobHandlers): void {
  const missing = Object.values(JobName).filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !isJobName(name));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...(missing.length > 0 ? [`no handler for ${missing.join(', ')}`] : []),
      ...(unknown.length > 0 ? [`handlers for unknown jobs ${unknown.join(', ')}`] : []),
    ];
    throw new Error(`sync worker handlers are incomplete: ${problems.join('; ')}`);
  }
}

async function runJob(job: Job<PayloadOf<JobName>, void, JobName>, handlers: SyncJobHandlers, logger: JobLogger): Promise<void> {
  const context = { queue: job.queueName, jobName: job.name, jobId: job.id, attempt: job.attemptsStarted };
  const name: string = job.name;
  if (!isJobName(name)) throw new UnrecoverableError(`unknown job name "${name}"`);
  const parsed = JobPayloads[name].safeParse(job.data);
  if (!parsed.success) {
    const error = new InvalidJobPayloadError(name, parsed.error.issues);
    logger.error({ ...context, err: describeError(error) }, 'job payload rejected');
    throw new UnrecoverableError(error.message);
  }
  const started = performance.now();
  const handler = handlers[name] as (payload: PayloadOf<JobName>, job: SyncJob) => Promise<void>;
  try {
    await handler(parsed.data, job);
    logger.info({ ...context, durationMs: elapsedSince(started) }, 'job done');
  } catch (err) {
    // A handler that moved its job to the delayed set (`job.moveToDelayed` + DelayedError) has not failed.
    if (err instanceof DelayedError) logger.info({ ...context, durationMs: elapsedSince(started) }, 'job delayed');
    else logger.warn({ ...context, durationMs: elapsedSince(started), err: describeError(err) }, 'job failed');
    throw err;
  }
}

/**
 * Errors here come from our own code, whose messages name references and never values (domain convention);
 * stacks and causes are left out because a wrapped SDK error could carry a request body.
 */
function describeError(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: typeof err, message: 'non-Error thrown' };
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}
