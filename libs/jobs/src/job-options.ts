import type { DefaultJobOptions, JobType, KeepJobs } from 'bullmq';
import { JobName } from './contracts';

/**
 * BullMQ options per job, kept beside the contracts so a job's name, payload and behaviour read together.
 *
 * Retention is by age and count: finished jobs stay long enough to inspect a failure, and never pile up.
 * Exponential backoff with 50 % jitter spreads retries of many associations that failed together (one
 * destination outage) instead of retrying them in lockstep. After the last attempt the association keeps its
 * error status and the reconciler takes over (spec §7.3).
 */
const KEEP_COMPLETED: KeepJobs = { age: 24 * 60 * 60, count: 1_000 };
const KEEP_FAILED: KeepJobs = { age: 7 * 24 * 60 * 60, count: 10_000 };

const ASSOCIATION_RUN: DefaultJobOptions = {
  // 2 s, 4 s, ... 256 s (each jittered down by up to half): about eight and a half minutes of retries.
  attempts: 9,
  backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
};

export const JOB_OPTIONS: Readonly<Record<JobName, DefaultJobOptions>> = {
  [JobName.SyncAssociation]: ASSOCIATION_RUN,
  [JobName.UnsyncAssociation]: ASSOCIATION_RUN,
  [JobName.PurgeDestination]: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  },
};

/**
 * Job states that are queued work not yet finished: what `queue_capacity` bounds (spec §3.1). A paused queue
 * keeps its jobs in `waiting` (BullMQ 6 only flags the queue as paused), so they are counted there.
 */
export const UNFINISHED_JOB_STATES: readonly JobType[] = ['waiting', 'prioritized', 'delayed', 'waiting-children', 'active'];
