import { ClientSideError, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RetryPolicy, backoffDelayMs, decideRetry } from './retry-policy';

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };
const outage = (retryAfterMs?: number) =>
  new ExternalServiceError(ErrorCode.DestinationUnavailable, 'aws-sm answered 503', retryAfterMs === undefined ? {} : { retryAfterMs });

describe('backoff with full jitter', () => {
  it('draws uniformly below a ceiling that doubles per attempt and stops at the cap', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(attempt, POLICY, top))).toEqual([999, 1_999, 3_999, 7_999, 9_999, 9_999]);
    expect(backoffDelayMs(3, POLICY, () => 0)).toBe(0);
    expect(backoffDelayMs(3, POLICY, () => 0.5)).toBe(2_000);
  });
});

describe('decideRetry', () => {
  it('retries a retryable failure while attempts remain', () => {
    expect(decideRetry(outage(), 1, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 500 });
    expect(decideRetry(outage(), 4, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 4_000 });
    expect(decideRetry(outage(), 5, POLICY, () => 0.5)).toEqual({ kind: 'final' });
  });

  it('never retries sooner than the destination asked, within the Retry-After cap', () => {
    expect(decideRetry(outage(30_000), 1, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(decideRetry(outage(5 * 60 * 60_000), 1, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 60_000 });
  });

  it('stops at once on a client-side error, unless the adapter marked it retryable', () => {
    expect(decideRetry(new ClientSideError(ErrorCode.DestinationAuthFailed, '401'), 1, POLICY, () => 0.5)).toEqual({ kind: 'final' });
    const conflict = new ClientSideError(ErrorCode.DestinationRejected, 'being deleted', { retryable: true, retryAfterMs: 2_000 });
    expect(decideRetry(conflict, 1, POLICY, () => 0.5)).toEqual({ kind: 'retry', delayMs: 2_000 });
  });
});
