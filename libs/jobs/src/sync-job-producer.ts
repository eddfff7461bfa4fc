import { DESTINATION_KINDS, DestinationKind } from '@vault-sync/domain';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import {
  AssociationJobRef,
  DestinationJobRef,
  JobName,
  JobPayloads,
  JobTrigger,
  PayloadOf,
  SYNC_QUEUES,
  SyncQueueName,
  associationJobId,
  purgeJobId,
} from './contracts';
import { InvalidJobPayloadError } from './invalid-job-payload.error';
import { JOB_OPTIONS, UNFINISHED_JOB_STATES } from './job-options';
import { queuePrefix } from './queue-prefix';

export interface SyncJobProducerOptions {
  /**
   * A fail-fast connection (store's `connectRedis({ flavour: 'fail-fast' })`), so an enqueue fails instead of
   * hanging while Redis is away. Shared by every queue; `close()` leaves it open for its owner to close.
   */
  connection: Redis;
  /** SYNC_KEY_PREFIX; see {@link queuePrefix}. */
  keyPrefix: string;
  /** Queue connection errors; without a listener they would be thrown as unhandled `error` events. */
  onError: (error: Error) => void;
}

/** Where a job went: the existing job's id when the add coalesced into it. */
export interface EnqueuedJob {
  queue: SyncQueueName;
  jobId: string;
}

type SyncQueue = Queue<PayloadOf<JobName>, void, JobName>;

/**
 * Typed producer of sync jobs: one BullMQ queue per destination kind.
 *
 * Coalescing uses BullMQ deduplication with `keepLastIfActive`, keyed by {@link associationJobId} (or
 * {@link purgeJobId}); BullMQ assigns the job ids. While a job of that key is waiting or delayed (including
 * retry backoff and a paused queue), a new add is dropped: the waiting job will still run after the change.
 * While it is active, the newest add is kept aside and queued when the active run finishes, so a change
 * arriving mid-run causes exactly one more run. A custom `jobId` is deliberately not used: BullMQ would ignore
 * every add while a finished job with that id is retained, and would queue the kept-aside job under the id of
 * the run that just finished.
 */
export class SyncJobProducer {
  private readonly queues: Readonly<Record<DestinationKind, SyncQueue>>;

  constructor(options: SyncJobProducerOptions) {
    const queues = {} as Record<DestinationKind, SyncQueue>;
    for (const kind of DESTINATION_KINDS) {
      const queue: SyncQueue = new Queue(SYNC_QUEUES[kind], { connection: options.connection, prefix: queuePrefix(options.keyPrefix, kind) });
      queue.on('error', options.onError);
      queues[kind] = queue;
    }
    this.queues = queues;
  }

  enqueueSync(association: AssociationJobRef, generation: number, trigger: JobTrigger, observedVersion?: number): Promise<EnqueuedJob> {
    const payload = { association, generation, trigger, ...(observedVersion === undefined ? {} : { observedVersion }) };
    return this.add(JobName.SyncAssociation, association.destination.type, associationJobId('sync', association), payload);
  }

  enqueueUnsync(association: AssociationJobRef, generation: number, removeAssociation: boolean, trigger: JobTrigger): Promise<EnqueuedJob> {
    const payload = { association, generation, removeAssociation, trigger };
    return this.add(JobName.UnsyncAssociation, association.destination.type, associationJobId('unsync', association), payload);
  }

  enqueuePurge(destination: DestinationJobRef): Promise<EnqueuedJob> {
    return this.add(JobName.PurgeDestination, destination.type, purgeJobId(destination), { destination });
  }

  /** `disabled=true` (spec §3.1): jobs keep queueing, no worker takes one; active runs finish. */
  async pauseAll(): Promise<void> {
    await Promise.all(this.allQueues().map((queue) => queue.pause()));
  }

  async resumeAll(): Promise<void> {
    await Promise.all(this.allQueues().map((queue) => queue.resume()));
  }

  /** Queued and running jobs over every queue: what `queue_capacity` bounds. */
  async pendingCount(): Promise<number> {
    const counts = await Promise.all(this.allQueues().map((queue) => queue.getJobCountByTypes(...UNFINISHED_JOB_STATES)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.allQueues().map((queue) => queue.close()));
  }

  private async add<J extends JobName>(name: J, kind: DestinationKind, deduplicationId: string, payload: PayloadOf<J>): Promise<EnqueuedJob> {
    const parsed = JobPayloads[name].safeParse(payload);
    if (!parsed.success) throw new InvalidJobPayloadError(name, parsed.error.issues);
    const job = await this.queues[kind].add(name, parsed.data, {
      ...JOB_OPTIONS[name],
      deduplication: { id: deduplicationId, keepLastIfActive: true },
    });
    return { queue: SYNC_QUEUES[kind], jobId: String(job.id) };
  }

  private allQueues(): SyncQueue[] {
    return Object.values(this.queues);
  }
}
