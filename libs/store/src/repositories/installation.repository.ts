import { randomUUID } from 'node:crypto';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';

/**
 * This installation's id: generated once (first writer wins) and shared by every service on the same Redis and
 * key prefix. Ownership marks carry it, so two vault-sync installations never take each other's objects.
 */
export class InstallationRepository {
  private readonly key: string;

  constructor(private readonly ctx: StoreContext) {
    this.key = new StoreKeys(ctx.prefix).installation();
  }

  async id(): Promise<string> {
    await this.ctx.redis.set(this.key, randomUUID(), 'NX');
    const id = await this.ctx.redis.get(this.key);
    if (id === null) throw new Error('installation id vanished right after it was written');
    return id;
  }
}
