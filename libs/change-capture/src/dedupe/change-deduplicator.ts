import { ChangeHandler, ObservedChange } from '../entry/observed-change';

export interface ChangeDeduplicatorOptions {
  /** Request ids remembered at most (least recently seen evicted first). */
  capacity?: number;
  /** How long a request id is remembered. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * Forwards each change once although several feeds report it. Keyed on `request.id` (spec vault-change-capture
 * §2.3, §6 item 3) because it is the one identity every copy shares: the socket and file devices HMAC with
 * different salts, so hashed fields differ between them, while `request.id` is clear text on every device and on
 * Vault's retried socket write. Only response entries become changes, so one id is one change. A client retry is
 * a new request with a new id and is forwarded again, which is right: it may be a new change.
 *
 * Bounded by count and age: a duplicate older than the TTL (a long file catch-up) is forwarded again and costs
 * one extra re-read, never a missed change.
 */
export class ChangeDeduplicator {
  private readonly seen = new Map<string, number>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: ChangeDeduplicatorOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.ttlMs = options.ttlMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** True the first time a request id is seen within the TTL. */
  isFirstSighting(change: ObservedChange): boolean {
    const now = this.now();
    const seenAt = this.seen.get(change.requestId);
    this.seen.delete(change.requestId);
    this.seen.set(change.requestId, now);
    this.evict(now);
    return seenAt === undefined || now - seenAt >= this.ttlMs;
  }

  /** The handler, called once per request id: give the same wrapped handler to every feed. */
  forwardOnce(handler: ChangeHandler): ChangeHandler {
    return (change) => (this.isFirstSighting(change) ? handler(change) : undefined);
  }

  /** Map order is insertion order and every sighting re-inserts, so the oldest entries come first. */
  private evict(now: number): void {
    for (const [requestId, seenAt] of this.seen) {
      if (this.seen.size <= this.capacity && now - seenAt < this.ttlMs) return;
      this.seen.delete(requestId);
    }
  }
}
