import { GhPublicKey } from './gh-sealed-box';

/** A key and whether it was fetched just now (a stale key is worth refetching only when it came from the cache). */
export interface ScopeKey {
  publicKey: GhPublicKey;
  fresh: boolean;
}

/** Bounds memory for workers serving many destinations; an evicted key costs one GET. */
const MAX_SCOPES = 1_000;

/**
 * Public keys per scope (`<api root> <scope>`), shared by every adapter of a worker so that a run costs no key
 * fetch. A key can rotate; the write flow forgets it when GitHub answers 422 and fetches it again. Keys are
 * public, so caching them across destinations and credentials leaks nothing.
 */
export class PublicKeyCache {
  private readonly keys = new Map<string, GhPublicKey>();

  async get(scopeKey: string, fetchKey: () => Promise<GhPublicKey>): Promise<ScopeKey> {
    const cached = this.keys.get(scopeKey);
    if (cached !== undefined) return { publicKey: cached, fresh: false };
    const publicKey = await fetchKey();
    this.keys.delete(scopeKey);
    this.keys.set(scopeKey, publicKey);
    if (this.keys.size > MAX_SCOPES) this.keys.delete(this.keys.keys().next().value as string);
    return { publicKey, fresh: true };
  }

  /** Drops the key, unless another writer already replaced it with a newer one. */
  forget(scopeKey: string, stale: GhPublicKey): void {
    if (this.keys.get(scopeKey)?.key_id === stale.key_id) this.keys.delete(scopeKey);
  }
}
