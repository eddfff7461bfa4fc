import { DestinationRef, LedgerEntry } from '@vault-sync/domain';
import { DestinationNotFoundError } from '../errors';
import { executeAtomicWrite } from '../internal/atomic-write';
import { parseEntries } from '../internal/serialization';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';

/**
 * What we wrote to each destination object (spec §9): one hash per destination, keyed by external name. Unsync
 * deletes only what this ledger says we own; it is deleted together with its destination.
 */
export class OwnershipLedgerRepository {
  private readonly keys: StoreKeys;

  constructor(private readonly ctx: StoreContext) {
    this.keys = new StoreKeys(ctx.prefix);
  }

  /** Guarded by the destination's existence, so a late write cannot recreate the ledger of a deleted destination. */
  async put(entry: LedgerEntry): Promise<void> {
    const written = await executeAtomicWrite(this.ctx.redis, {
      guards: [{ key: this.keys.destination(entry.destination), exists: true }],
      commands: [['HSET', this.keys.ledger(entry.destination), entry.externalName, JSON.stringify(entry)]],
    });
    if (!written) throw new DestinationNotFoundError(entry.destination);
  }

  async get(destination: DestinationRef, externalName: string): Promise<LedgerEntry | undefined> {
    const json = await this.ctx.redis.hget(this.keys.ledger(destination), externalName);
    return json === null ? undefined : (JSON.parse(json) as LedgerEntry);
  }

  /** `false` if there was no entry. */
  async delete(destination: DestinationRef, externalName: string): Promise<boolean> {
    return (await this.ctx.redis.hdel(this.keys.ledger(destination), externalName)) === 1;
  }

  /** Sorted by external name. */
  async listByDestination(destination: DestinationRef): Promise<LedgerEntry[]> {
    const entries = parseEntries<LedgerEntry>(await this.ctx.redis.hgetall(this.keys.ledger(destination)));
    return Object.keys(entries)
      .sort()
      .map((name) => entries[name]);
  }
}
