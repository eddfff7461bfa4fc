/** Bounds of the client's own retries of one request; only transient failures are retried. */
export interface RetryPolicy {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What one HTTP attempt produced, before any interpretation. */
export type AttemptOutcome =
  | { kind: 'answered'; status: number; body: unknown; retryAfterMs?: number }
  /** No HTTP answer: refused or reset connection, DNS failure, timeout. */
  | { kind: 'unreachable'; reason: string };

/**
 * Connection failures and 5xx (sealed, standby, proxy errors) are transient. 501 is Vault's answer for an
 * unimplemented feature and never changes. 4xx are never retried here: a 403 stays a 403, and a 429 is left to
 * the caller's job backoff with its Retry-After.
 */
export function isTransient(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'unreachable' || (outcome.status >= 500 && outcome.status !== 501);
}

/** `attempt` is 1-based: the attempt that just failed. */
export function shouldRetry(outcome: AttemptOutcome, attempt: number, policy: RetryPolicy): boolean {
  return isTransient(outcome) && attempt < policy.maxAttempts;
}

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay is fixed, half random, so retries of
 * many workers spread out but never fire back to back. `random` returns [0, 1).
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
