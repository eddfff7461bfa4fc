import { VaultSyncError } from '@vault-sync/domain';

export interface RetryPolicy {
  /** Runs of one operation (since its queue event) before the error status is final. */
  maxAttempts: number;
  /** Cap of the first retry's delay; doubles per attempt. */
  baseDelayMs: number;
  /** Cap of any computed delay. */
  maxDelayMs: number;
  /** A destination's Retry-After is honoured up to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

export type RetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'final' };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(max, base * 2^(attempt-1))), so replicas
 * whose jobs failed together (one destination outage) spread out instead of retrying in lockstep.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * After `attemptsSpent` runs of the current operation failed with `error`: retry (no sooner than the
 * destination asked) or stop. A non-retryable error (CLIENT_SIDE_ERROR by default) is final at once: only an
 * operator's change, a new queue event or the reconciler starts it again, so it can never become a storm.
 */
export function decideRetry(error: VaultSyncError, attemptsSpent: number, policy: RetryPolicy, random: () => number): RetryDecision {
  if (!error.retryable || attemptsSpent >= policy.maxAttempts) return { kind: 'final' };
  const askedFor = Math.min(error.retryAfterMs ?? 0, policy.maxRetryAfterMs);
  return { kind: 'retry', delayMs: Math.max(askedFor, backoffDelayMs(attemptsSpent, policy, random)) };
}
