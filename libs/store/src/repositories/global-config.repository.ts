import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';

/** `sys/sync/config` (spec §3.1). */
export interface GlobalSyncConfig {
  /** Emergency stop: operations queue up as PENDING and nothing is sent until cleared. */
  disabled: boolean;
  queueCapacity: number;
}

export const DEFAULT_GLOBAL_SYNC_CONFIG: Readonly<GlobalSyncConfig> = { disabled: false, queueCapacity: 1_000_000 };

/** One hash; absent fields read as their defaults, so DELETE (reset) is a plain DEL. */
export class GlobalConfigRepository {
  private readonly key: string;

  constructor(private readonly ctx: StoreContext) {
    this.key = new StoreKeys(ctx.prefix).config();
  }

  async get(): Promise<GlobalSyncConfig> {
    return parseConfig(await this.ctx.redis.hgetall(this.key));
  }

  /** PATCH: changes only the given fields; returns the config as it is after the write. */
  async update(changes: Partial<GlobalSyncConfig>): Promise<GlobalSyncConfig> {
    const fields: Record<string, string> = {};
    if (changes.disabled !== undefined) fields['disabled'] = String(changes.disabled);
    if (changes.queueCapacity !== undefined) fields['queueCapacity'] = String(changes.queueCapacity);
    const multi = this.ctx.redis.multi();
    if (Object.keys(fields).length > 0) multi.hset(this.key, fields);
    const replies = (await multi.hgetall(this.key).exec()) ?? [];
    const [error, hash] = replies[replies.length - 1];
    if (error) throw error;
    return parseConfig(hash as Record<string, string>);
  }

  /** DELETE: back to the defaults. */
  async reset(): Promise<GlobalSyncConfig> {
    await this.ctx.redis.del(this.key);
    return { ...DEFAULT_GLOBAL_SYNC_CONFIG };
  }
}

function parseConfig(hash: Record<string, string>): GlobalSyncConfig {
  return {
    disabled: hash['disabled'] === undefined ? DEFAULT_GLOBAL_SYNC_CONFIG.disabled : hash['disabled'] === 'true',
    queueCapacity: hash['queueCapacity'] === undefined ? DEFAULT_GLOBAL_SYNC_CONFIG.queueCapacity : Number(hash['queueCapacity']),
  };
}
