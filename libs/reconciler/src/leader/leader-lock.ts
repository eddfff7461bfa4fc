import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** Leadership held by one owner: `token` is the fencing token, strictly increasing across acquisitions. */
export interface Lease {
  ownerId: string;
  token: number;
}

export interface LeaderLockOptions {
  redis: Redis;
  /** SYNC_KEY_PREFIX. */
  keyPrefix: string;
  /** Which lock: one name per singleton job (`reconciler`). */
  name: string;
  /** How long a lease lives without renewal; a crashed or paused leader is replaced after this. */
  ttlMs: number;
}

// The lock's value is `<owner id>:<token>`. Taking the token inside the script means nobody can acquire between
// the check and the INCR, so every lease gets a fresh token and the lock always names the newest one.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'PX', ARGV[2])
return token`;

// Compare-and-pexpire: only the holder extends, and only while it still holds the lock.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// Compare-and-del: a late release from an ex-leader never deletes its successor's lock.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * A leader lock across replicas on one Redis: `SET NX PX` with a random owner id, renewed by compare-and-pexpire,
 * released by compare-and-del. Each acquisition takes a fencing token from `INCR`; {@link isCurrent} checks that
 * the lease is still the newest, so a leader that was paused past its TTL (GC, a stopped VM) cannot act after a
 * successor took over. Keys share one hash tag, `{<prefix>:leader-<name>}`, so the scripts stay in one slot.
 */
export class RedisLeaderLock {
  readonly ttlMs: number;
  private readonly keys: [lock: string, fence: string];

  constructor(private readonly options: LeaderLockOptions) {
    if (!Number.isInteger(options.ttlMs) || options.ttlMs <= 0) throw new RangeError('ttlMs must be a positive integer');
    this.ttlMs = options.ttlMs;
    const tag = `{${options.keyPrefix}:leader-${options.name}}`;
    this.keys = [`${tag}:lock`, `${tag}:fence`];
  }

  /** The lease when the lock was free, `undefined` when another owner holds it. */
  async tryAcquire(ownerId: string = randomUUID()): Promise<Lease | undefined> {
    const token = await this.options.redis.eval(ACQUIRE, 2, ...this.keys, ownerId, this.ttlMs);
    return token === null ? undefined : { ownerId, token: Number(token) };
  }

  /** Extends the lease by a full TTL; `false` once it is lost (expired, or taken by another owner). */
  async renew(lease: Lease): Promise<boolean> {
    return (await this.options.redis.eval(RENEW, 1, this.keys[0], lockValue(lease), this.ttlMs)) === 1;
  }

  async release(lease: Lease): Promise<void> {
    await this.options.redis.eval(RELEASE, 1, this.keys[0], lockValue(lease));
  }

  /** Whether the lease is still held and its token is the newest one: check before acting as leader. */
  async isCurrent(lease: Lease): Promise<boolean> {
    return (await this.options.redis.get(this.keys[0])) === lockValue(lease);
  }
}

const lockValue = (lease: Lease): string => `${lease.ownerId}:${lease.token}`;
