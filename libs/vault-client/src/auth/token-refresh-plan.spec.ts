import { failureRetryDelayMs, IssuedToken, isUsable, planRefresh } from './token-refresh-plan';

const HOUR = 3_600_000;
const issued = (overrides: Partial<IssuedToken> = {}): IssuedToken => ({ token: 't', issuedAtMs: 10_000, leaseMs: HOUR, renewable: true, ...overrides });

describe('token refresh plan', () => {
  it('renews a renewable token at two thirds of its lease', () => {
    expect(planRefresh(issued(), HOUR)).toEqual({ action: 'renew', atMs: 10_000 + 2_400_000 });
  });

  it('logs in again once renewal no longer restores the login lease (max TTL reached)', () => {
    expect(planRefresh(issued({ leaseMs: 20 * 60_000 }), HOUR)).toEqual({ action: 'login', atMs: 10_000 + 800_000 });
  });

  it('logs in again instead of renewing a non-renewable token', () => {
    expect(planRefresh(issued({ renewable: false }), HOUR)).toMatchObject({ action: 'login' });
  });

  it('does nothing for a token without expiry', () => {
    expect(planRefresh(issued({ leaseMs: 0 }), 0)).toEqual({ action: 'none' });
  });

  it('stops handing out a token one second before it expires', () => {
    expect(isUsable(issued(), 10_000 + HOUR - 1_001)).toBe(true);
    expect(isUsable(issued(), 10_000 + HOUR - 1_000)).toBe(false);
    expect(isUsable(issued({ leaseMs: 0 }), Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('retries a failed refresh sooner as expiry nears, within 1 s and 60 s', () => {
    expect(failureRetryDelayMs(issued(), 10_000)).toBe(60_000);
    expect(failureRetryDelayMs(issued(), 10_000 + HOUR - 30_000)).toBe(10_000);
    expect(failureRetryDelayMs(issued(), 10_000 + HOUR + 5_000)).toBe(1_000);
    expect(failureRetryDelayMs(undefined, 0)).toBe(1_000);
  });
});
