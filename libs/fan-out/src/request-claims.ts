import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

/** Cross-process dedupe of one Vault request: only the first claimant handles it. */
export interface RequestClaims {
  /** True for the first claim of `requestId` within the claim's lifetime. */
  claim(requestId: string): Promise<boolean>;
}

export const DEFAULT_CLAIM_TTL_MS = 5 * 60_000;

/**
 * `SET NX PX` per request id, so replicas that see the same entry (two sidecars tailing one shared file, a
 * socket and a file on different replicas) queue it once. Short-lived on purpose: duplicates arrive within
 * seconds, and one that arrives later only costs a coalesced job. Keys have their own hash tag, away from the
 * store's slot. The id is digested: it comes from the audit stream, and its length is not ours to trust.
 */
export class RedisRequestClaims implements RequestClaims {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly ttlMs: number = DEFAULT_CLAIM_TTL_MS,
  ) {}

  async claim(requestId: string): Promise<boolean> {
    const digest = createHash('sha256').update(requestId).digest('hex').slice(0, 32);
    return (await this.redis.set(`{${this.keyPrefix}:ingest}:claimed:${digest}`, '1', 'PX', this.ttlMs, 'NX')) === 'OK';
  }
}
