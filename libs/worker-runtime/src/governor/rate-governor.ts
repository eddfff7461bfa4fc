import { RateLimitDomain } from '@vault-sync/domain';
import { Redis } from 'ioredis';

export type Admission = { granted: true } | { granted: false; retryInMs: number };

export interface AdaptiveRateOptions {
  /** Lowest share of the published rate the governor falls to after repeated throttling. */
  minShare: number;
  /** Share of the published rate regained per second without throttling (additive increase). */
  recoveryPerSecond: number;
}

export const DEFAULT_ADAPTIVE_RATE: AdaptiveRateOptions = { minShare: 1 / 64, recoveryPerSecond: 0.01 };

/** A bucket nobody used for this long is dropped; it starts full again, as a new one would. */
const IDLE_TTL_MS = 10 * 60_000;

/*
 * One hash per limit domain: `tokens`, `at` (ms, Redis clock), `share` (0..1 of the published rate). Redis's own
 * clock is used so replicas with skewed clocks agree. Tokens refill at rate*share up to the burst; the share
 * regains `recovery` per second. A request for more than the burst is admitted once the bucket is full and
 * leaves it in debt, which later callers wait out: no cost is ever unservable.
 */
const REFILL = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'share')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
local share = tonumber(state[3]) or 1
local elapsed = math.max(0, now - at)
share = math.min(1, share + elapsed / 1000 * tonumber(ARGV[3]))
tokens = math.min(burst, tokens + elapsed / 1000 * rate * share)
`;

const ACQUIRE = `${REFILL}
local cost = tonumber(ARGV[4])
local needed = math.min(cost, burst)
local granted = tokens >= needed
if granted then tokens = tokens - cost end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'share', tostring(share))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if granted then return -1 end
return math.ceil((needed - tokens) / (rate * share) * 1000)
`;

const PENALIZE = `${REFILL}
share = math.max(tonumber(ARGV[4]), share / 2)
tokens = math.min(tokens, 0)
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'share', tostring(share))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return tostring(share)
`;

/**
 * The rate governor (landscape §7 item 4): a token bucket in Redis per limit domain, shared by every worker
 * replica. It halves a domain's rate when the destination throttles anyway and recovers it slowly. A run asks
 * for all its calls at once before it starts, so a throttled job is delayed without spending an attempt.
 */
export class RateGovernor {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly adaptive: AdaptiveRateOptions = DEFAULT_ADAPTIVE_RATE,
  ) {}

  async acquire(domain: RateLimitDomain, cost: number): Promise<Admission> {
    if (cost <= 0) return { granted: true };
    const reply = await this.redis.eval(ACQUIRE, 1, this.key(domain), ...this.args(domain), String(cost), String(IDLE_TTL_MS));
    const retryInMs = Number(reply);
    return retryInMs < 0 ? { granted: true } : { granted: false, retryInMs: Math.max(1, retryInMs) };
  }

  /** The destination throttled us: halve the domain's rate and empty its bucket. Returns the new share. */
  async penalize(domain: RateLimitDomain): Promise<number> {
    const reply = await this.redis.eval(PENALIZE, 1, this.key(domain), ...this.args(domain), String(this.adaptive.minShare), String(IDLE_TTL_MS));
    return Number(reply);
  }

  private key(domain: RateLimitDomain): string {
    return `${this.keyPrefix}:rate-limit:${domain.key}`;
  }

  private args(domain: RateLimitDomain): string[] {
    return [String(domain.requestsPerSecond), String(Math.max(1, domain.burst)), String(this.adaptive.recoveryPerSecond)];
  }
}
