import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { ConcurrentModificationError } from '../errors';
import { AtomicWrite, executeAtomicWrite } from './atomic-write';

/** What one attempt decided: the result, and the guarded write that makes it true (none when nothing changes). */
export interface Decision<T> {
  result: T;
  write?: AtomicWrite;
}

const MAX_ATTEMPTS = 100;
const MAX_BACKOFF_MS = 25;

/**
 * Optimistic concurrency: read, decide, write guarded by what was read; when a guard fails, someone else wrote
 * in between, so read and decide again. `attempt` must read fresh state each time and may throw to refuse.
 * Jittered backoff keeps many writers on one hot record (e.g. a burst of events) from retrying in lockstep.
 */
export async function withOptimisticRetry<T>(redis: Redis, subject: string, attempt: () => Promise<Decision<T>>): Promise<T> {
  for (let attemptNo = 0; attemptNo < MAX_ATTEMPTS; attemptNo++) {
    const { result, write } = await attempt();
    if (write === undefined || (await executeAtomicWrite(redis, write))) return result;
    await sleep(Math.random() * Math.min(2 ** attemptNo, MAX_BACKOFF_MS));
  }
  throw new ConcurrentModificationError(subject);
}
