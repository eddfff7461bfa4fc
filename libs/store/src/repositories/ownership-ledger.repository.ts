import { DestinationRef, LedgerEntry } from '@vault-sync/domain';
import { DestinationNotFoundError } from '../errors';
import { executeAtomicWrite } from '../internal/atomic-write';
import { withOptimisticRetry } from '../internal/optimistic';
import { parseEntries } from '../internal/serialization';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';
import { LEASE_TOKEN_FIELD, RunFence, fenceGuard } from './run-lease.repository';

export type LedgerRecordOutcome =
  | 'written'
  /** The entry already records a newer Vault version: nothing was written. */
  | 'newer-recorded'
  /** The run's lease is gone: nothing was written. */
  | 'fenced';

export type LedgerForgetOutcome = 'deleted' | 'absent' | 'fenced';

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

  /**
   * The worker's write: a compare-and-set that never replaces an entry recording a newer Vault version, and
   * only while the run holds its association's lease.
   */
  async record(entry: LedgerEntry, fence: RunFence): Promise<LedgerRecordOutcome> {
    const ledgerKey = this.keys.ledger(entry.destination);
    return withOptimisticRetry(this.ctx.redis, `ledger entry ${entry.externalName}`, async () => {
      const { current, fenced, destinationExists } = await this.readForFencedWrite(entry.destination, entry.externalName, fence);
      if (!destinationExists) throw new DestinationNotFoundError(entry.destination);
      if (fenced) return { result: 'fenced' };
      if (current !== null && (JSON.parse(current) as LedgerEntry).vaultVersion > entry.vaultVersion) return { result: 'newer-recorded' };
      return {
        result: 'written',
        write: {
          guards: [
            fenceGuard(this.keys, fence),
            { key: this.keys.destination(entry.destination), exists: true },
            { key: ledgerKey, field: entry.externalName, equals: current },
          ],
          commands: [['HSET', ledgerKey, entry.externalName, JSON.stringify(entry)]],
        },
      };
    });
  }

  /** The worker's delete, only while the run holds its association's lease. */
  async forget(destination: DestinationRef, externalName: string, fence: RunFence): Promise<LedgerForgetOutcome> {
    const ledgerKey = this.keys.ledger(destination);
    return withOptimisticRetry(this.ctx.redis, `ledger entry ${externalName}`, async () => {
      const { current, fenced } = await this.readForFencedWrite(destination, externalName, fence);
      if (fenced) return { result: 'fenced' };
      if (current === null) return { result: 'absent' };
      return {
        result: 'deleted',
        write: {
          guards: [fenceGuard(this.keys, fence), { key: ledgerKey, field: externalName, equals: current }],
          commands: [['HDEL', ledgerKey, externalName]],
        },
      };
    });
  }

  private async readForFencedWrite(destination: DestinationRef, externalName: string, fence: RunFence) {
    const replies = (await this.ctx.redis
      .multi()
      .hget(this.keys.ledger(destination), externalName)
      .hget(this.keys.runLease(fence.associationId), LEASE_TOKEN_FIELD)
      .exists(this.keys.destination(destination))
      .exec()) ?? [];
    const [current, token, exists] = replies.map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [string | null, string | null, number];
    return { current, fenced: token !== fence.token, destinationExists: exists === 1 };
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
