import { AttemptOutcome, isTransient, retryDelayMs, shouldRetry } from './retry-policy';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const answered = (status: number): AttemptOutcome => ({ kind: 'answered', status, body: undefined });

describe('retry policy', () => {
  it.each([500, 502, 503, 504])('treats HTTP %i as transient', (status) => {
    expect(isTransient(answered(status))).toBe(true);
  });

  it('treats a connection failure or timeout as transient', () => {
    expect(isTransient({ kind: 'unreachable', reason: 'ECONNREFUSED' })).toBe(true);
  });

  it.each([200, 204, 400, 403, 404, 405, 412, 429, 501])('never retries HTTP %i', (status) => {
    expect(shouldRetry(answered(status), 1, policy)).toBe(false);
  });

  it('stops once the attempts are spent', () => {
    expect(shouldRetry(answered(503), 3, policy)).toBe(true);
    expect(shouldRetry(answered(503), 4, policy)).toBe(false);
  });

  it('doubles the delay per attempt with half of it jittered', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, policy, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, policy, () => 0.999999))).toEqual([100, 200, 400]);
  });

  it('caps the delay at maxDelayMs', () => {
    expect(retryDelayMs(10, policy, () => 0.999999)).toBe(1000);
    expect(retryDelayMs(10, policy, () => 0)).toBe(500);
  });
});
