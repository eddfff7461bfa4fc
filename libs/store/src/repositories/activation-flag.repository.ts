import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';

/** Activated features (`sys/activation-flags`, spec §3.9). Activation is one-way: there is no deactivate. */
export class ActivationFlagRepository {
  private readonly key: string;

  constructor(private readonly ctx: StoreContext) {
    this.key = new StoreKeys(ctx.prefix).activationFlags();
  }

  /** Sorted. */
  async activated(): Promise<string[]> {
    return (await this.ctx.redis.smembers(this.key)).sort();
  }

  /** Idempotent. */
  async activate(flag: string): Promise<void> {
    await this.ctx.redis.sadd(this.key, flag);
  }
}
