import { Guard, executeAtomicWrite } from '../internal/atomic-write';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';

/**
 * Proof that a run still holds the lease of its association. Store writes given a fence are refused once the
 * lease has expired or passed to another run, so a run that stalled past its lease cannot record anything.
 */
export interface RunFence {
  associationId: string;
  token: string;
}

export interface LeaseHolder {
  /** The BullMQ job id: the same job coming back (retry, deferral, stall) resumes its own lease. */
  jobId: string;
  /** Unique per run; what fences check. */
  token: string;
}

export type LeaseAcquisition =
  /** The lease was free. */
  | { outcome: 'acquired' }
  /** The lease was held by the same job (a retry or deferral of this job, or its stalled earlier run). */
  | { outcome: 'resumed' }
  /** Another job holds it for `retryInMs` more, unless renewed. */
  | { outcome: 'busy'; retryInMs: number };

const TOKEN_FIELD = 'token';
const JOB_FIELD = 'job';
const MARK_FIELD = 'mark';
/** A rewrite mark outlives any run that could clear it, yet never piles up for associations removed since. */
const REWRITE_MARK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const ACQUIRE = `
local holder = redis.call('HGET', KEYS[1], '${JOB_FIELD}')
if holder == false or holder == ARGV[1] then
  redis.call('HSET', KEYS[1], '${JOB_FIELD}', ARGV[1], '${TOKEN_FIELD}', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  if holder == false then return 'acquired' end
  return 'resumed'
end
return redis.call('PTTL', KEYS[1])
`;

const EXTEND = `
if redis.call('HGET', KEYS[1], '${TOKEN_FIELD}') ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

const RELEASE = `
if redis.call('HGET', KEYS[1], '${TOKEN_FIELD}') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;

/** The guard a fenced store write adds: the association's lease still carries the run's token. */
export function fenceGuard(keys: StoreKeys, fence: RunFence): Guard {
  return { key: keys.runLease(fence.associationId), field: TOKEN_FIELD, equals: fence.token };
}

/** The lease field a fenced read compares with {@link RunFence.token}. */
export const LEASE_TOKEN_FIELD = TOKEN_FIELD;

/**
 * One lease per association, so at most one run works on it at a time across every worker replica, plus the
 * rewrite mark a run sets when it may have written the destination after losing its lease. Leases expire unless
 * renewed, so a crashed worker's lease frees itself.
 */
export class RunLeaseRepository {
  private readonly keys: StoreKeys;

  constructor(private readonly ctx: StoreContext) {
    this.keys = new StoreKeys(ctx.prefix);
  }

  async acquire(associationId: string, holder: LeaseHolder, ttlMs: number): Promise<LeaseAcquisition> {
    const reply = await this.ctx.redis.eval(ACQUIRE, 1, this.keys.runLease(associationId), holder.jobId, holder.token, String(ttlMs));
    if (reply === 'acquired' || reply === 'resumed') return { outcome: reply };
    return { outcome: 'busy', retryInMs: Math.max(0, Number(reply)) };
  }

  /** Keeps the lease for `ttlMs` from now; `false` when it is no longer the caller's. */
  async extend(fence: RunFence, ttlMs: number): Promise<boolean> {
    return (await this.ctx.redis.eval(EXTEND, 1, this.keys.runLease(fence.associationId), fence.token, String(ttlMs))) === 1;
  }

  /** `false` when it was no longer the caller's (expired or taken over). */
  async release(fence: RunFence): Promise<boolean> {
    return (await this.ctx.redis.eval(RELEASE, 1, this.keys.runLease(fence.associationId), fence.token)) === 1;
  }

  /** Whether the lease still carries the caller's token. */
  async holds(fence: RunFence): Promise<boolean> {
    return (await this.ctx.redis.hget(this.keys.runLease(fence.associationId), TOKEN_FIELD)) === fence.token;
  }

  /** Records that the destination may differ from the ledger for this association; returns the new mark. */
  async markForRewrite(associationId: string): Promise<string> {
    const key = this.keys.rewriteMark(associationId);
    const [[incrError, mark], [expireError]] = ((await this.ctx.redis
      .multi()
      .hincrby(key, MARK_FIELD, 1)
      .pexpire(key, REWRITE_MARK_TTL_MS)
      .exec()) ?? []) as [Error | null, unknown][];
    if (incrError ?? expireError) throw incrError ?? expireError;
    return String(mark);
  }

  async rewriteMark(associationId: string): Promise<string | undefined> {
    return (await this.ctx.redis.hget(this.keys.rewriteMark(associationId), MARK_FIELD)) ?? undefined;
  }

  /** Clears the mark a run saw before rewriting; a mark set since (by another stalled run) stays. */
  async clearRewriteMark(associationId: string, seen: string, fence: RunFence): Promise<boolean> {
    const key = this.keys.rewriteMark(associationId);
    return executeAtomicWrite(this.ctx.redis, {
      guards: [fenceGuard(this.keys, fence), { key, field: MARK_FIELD, equals: seen }],
      commands: [['DEL', key]],
    });
  }
}

