import { Clock } from '../clock';
import { VaultMount } from './vault-mount';

/**
 * The mount table, re-read when older than `ttlMs` or when a lookup misses (a mount created since), so the
 * path ↔ accessor lookups of every sync do not each cost a `sys/mounts` call.
 */
export class MountCache {
  private table: VaultMount[] | undefined;
  private loadedAtMs = 0;
  private loading: Promise<VaultMount[]> | undefined;

  constructor(
    private readonly load: () => Promise<VaultMount[]>,
    private readonly ttlMs: number,
    private readonly clock: Clock,
  ) {}

  async find(match: (mounts: readonly VaultMount[]) => VaultMount | undefined): Promise<VaultMount | undefined> {
    if (this.table && this.clock.now() - this.loadedAtMs < this.ttlMs) {
      const hit = match(this.table);
      if (hit) return hit;
    }
    return match(await this.refresh());
  }

  /** Reads the table now; concurrent callers share one request. */
  refresh(): Promise<VaultMount[]> {
    this.loading ??= this.load()
      .then((table) => {
        this.table = table;
        this.loadedAtMs = this.clock.now();
        return table;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
