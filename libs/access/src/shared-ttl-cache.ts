interface Entry<V> {
  value: V;
  expiresAt: number;
}

export interface SharedTtlCacheOptions {
  ttlMs: number;
  /** Most settled values kept; the oldest goes first. */
  maxEntries: number;
  now: () => number;
}

/**
 * Values by key for a short time, bounded in size; concurrent loads of one key share a single in-flight load.
 * Failed loads are not kept: the next caller loads again.
 */
export class SharedTtlCache<V> {
  // Insertion order is expiry order (one TTL for all), so expired and oldest entries are both at the front.
  private readonly settled = new Map<string, Entry<V>>();
  private readonly inFlight = new Map<string, Promise<V>>();

  constructor(private readonly options: SharedTtlCacheOptions) {}

  getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.settled.get(key);
    if (cached && cached.expiresAt > this.options.now()) return Promise.resolve(cached.value);
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const loading = load()
      .then((value) => {
        this.keep(key, value);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading;
  }

  /** Settled values currently held, expired ones included until they are swept. */
  get size(): number {
    return this.settled.size;
  }

  private keep(key: string, value: V): void {
    const now = this.options.now();
    this.settled.delete(key);
    this.sweepExpired(now);
    if (this.settled.size >= this.options.maxEntries) this.evictOldest();
    if (this.options.maxEntries > 0) this.settled.set(key, { value, expiresAt: now + this.options.ttlMs });
  }

  private sweepExpired(now: number): void {
    for (const [key, entry] of this.settled) {
      if (entry.expiresAt > now) return;
      this.settled.delete(key);
    }
  }

  private evictOldest(): void {
    const oldest = this.settled.keys().next();
    if (!oldest.done) this.settled.delete(oldest.value);
  }
}
