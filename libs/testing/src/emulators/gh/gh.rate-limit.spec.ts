import { GhRateLimiter } from './gh.rate-limit';

describe('GhRateLimiter', () => {
  let nowMs: number;
  const limiter = (limits: ConstructorParameters<typeof GhRateLimiter>[0]) => new GhRateLimiter(limits, () => nowMs);

  beforeEach(() => {
    nowMs = 1_700_000_000_000;
  });

  it('uses GitHub numbers by default: 5,000 per hour authenticated, 60 anonymous', () => {
    const rates = limiter({});
    expect(rates.consume('user:1', true, 'GET')).toEqual({ kind: 'allowed', snapshot: { limit: 5000, remaining: 4999, used: 1, reset: 1_700_003_600 } });
    expect(rates.snapshot('anonymous', false).limit).toBe(60);
  });

  it('refuses past the primary limit without spending, and starts over with a new window', () => {
    const rates = limiter({ primary: { limit: 2, windowMs: 1000, status: 429 } });
    rates.consume('user:1', true, 'GET');
    rates.consume('user:1', true, 'GET');
    expect(rates.consume('user:1', true, 'GET')).toEqual({ kind: 'primary', status: 429, snapshot: { limit: 2, remaining: 0, used: 2, reset: 1_700_000_001 } });
    expect(rates.consume('user:2', true, 'GET').kind).toBe('allowed');
    nowMs += 1000;
    expect(rates.consume('user:1', true, 'GET')).toMatchObject({ kind: 'allowed', snapshot: { remaining: 1 } });
  });

  it('charges 1 point for reads and 5 for writes against the secondary budget, with retry-after to its window end', () => {
    const rates = limiter({ secondary: { points: 6, windowMs: 60_000 } });
    expect(rates.consume('user:1', true, 'PUT').kind).toBe('allowed');
    expect(rates.consume('user:1', true, 'GET').kind).toBe('allowed');
    nowMs += 20_500;
    expect(rates.consume('user:1', true, 'DELETE')).toMatchObject({ kind: 'secondary', status: 403, retryAfterSeconds: 40, snapshot: { used: 2 } });
    nowMs += 40_000;
    expect(rates.consume('user:1', true, 'DELETE').kind).toBe('allowed');
  });

  it('configure replaces the limits and clears usage; reset returns to the constructor limits', () => {
    const rates = limiter({ primary: { limit: 3 } });
    rates.consume('user:1', true, 'GET');
    rates.configure({ primary: { limit: 1 } });
    expect(rates.snapshot('user:1', true)).toMatchObject({ limit: 1, used: 0 });
    rates.reset();
    expect(rates.snapshot('user:1', true)).toMatchObject({ limit: 3, used: 0 });
  });
});
