import { Redis } from 'ioredis';

/** What every repository needs: a client, the key prefix, and a clock (injectable for tests). */
export interface StoreContext {
  redis: Redis;
  /** Key prefix, `vsync` by default (SYNC_KEY_PREFIX). */
  prefix: string;
  now?: () => Date;
}
