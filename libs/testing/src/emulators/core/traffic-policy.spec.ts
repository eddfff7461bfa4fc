import { TrafficPolicy } from './traffic-policy';

function clock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TrafficPolicy', () => {
  it('proceeds and counts requests per operation', () => {
    const policy = new TrafficPolicy();
    expect(policy.admit('Get')).toEqual({ kind: 'proceed', latencyMs: 0 });
    policy.admit('Get');
    policy.admit('Put');
    expect(policy.requestCounts()).toEqual({ Get: 2, Put: 1 });
  });

  it('fails exactly `count` requests of the targeted operation', () => {
    const policy = new TrafficPolicy();
    policy.injectFault({ operation: 'Put', status: 503, count: 2 });
    expect(policy.admit('Get').kind).toBe('proceed');
    expect(policy.admit('Put')).toEqual({ kind: 'fault', latencyMs: 0, status: 503, connectionReset: false });
    expect(policy.admit('Put').kind).toBe('fault');
    expect(policy.admit('Put').kind).toBe('proceed');
  });

  it('ends a fault after its duration', () => {
    const c = clock();
    const policy = new TrafficPolicy(c.now);
    policy.injectFault({ connectionReset: true, durationMs: 500 });
    expect(policy.admit('Any')).toMatchObject({ kind: 'fault', connectionReset: true });
    c.advance(500);
    expect(policy.admit('Any').kind).toBe('proceed');
  });

  it('adds latency without failing when a fault has only latency', () => {
    const policy = new TrafficPolicy();
    policy.injectFault({ latencyMs: 50, count: 1 });
    expect(policy.admit('Any')).toEqual({ kind: 'proceed', latencyMs: 50 });
    expect(policy.admit('Any')).toEqual({ kind: 'proceed', latencyMs: 0 });
  });

  it('throttles beyond the limit within a window and reports when it resets', () => {
    const c = clock();
    const policy = new TrafficPolicy(c.now);
    policy.setRateLimit({ limit: 2, windowMs: 1000 });
    expect(policy.admit('A').kind).toBe('proceed');
    c.advance(100);
    expect(policy.admit('B').kind).toBe('proceed');
    expect(policy.admit('A')).toEqual({ kind: 'throttled', limit: 2, remaining: 0, resetAtMs: 2000, retryAfterMs: 900 });
    c.advance(900);
    expect(policy.admit('A').kind).toBe('proceed');
  });

  it('limits only the named operation when one is given, and reset clears everything', () => {
    const policy = new TrafficPolicy();
    policy.setRateLimit({ limit: 0, windowMs: 1000, operation: 'Put' });
    policy.injectFault({ status: 500 });
    expect(policy.admit('Put').kind).toBe('throttled');
    expect(policy.admit('Get').kind).toBe('fault');
    policy.reset();
    expect(policy.admit('Put').kind).toBe('proceed');
    expect(policy.requestCounts()).toEqual({ Put: 1 });
  });
});
