import {
  Association,
  DestinationRef,
  SecretRef,
  SubKeyEntry,
  SyncEvent,
  SyncStatus,
  associationId,
} from '@vault-sync/domain';
import { AssociationNotFoundError, DestinationNotFoundError, DestinationPurgingError } from '../errors';
import { AssociationRecord, associationRemovalCommands } from '../internal/association-record';
import { WriteCommand, executeAtomicWrite } from '../internal/atomic-write';
import { ASSOCIATIONS_ADDED_FIELD, DestinationRecord } from '../internal/destination-record';
import { withOptimisticRetry } from '../internal/optimistic';
import { readHashes } from '../internal/read-hashes';
import { REVISION_FIELD, Versioned, parseEntries, readVersioned, revisionOf, versionedFields } from '../internal/serialization';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';
import { ApplyEventOptions, applySyncEvent } from './association-events';
import { LEASE_TOKEN_FIELD, RunFence, fenceGuard } from './run-lease.repository';

export type NewAssociation = Pick<Association, 'destination' | 'mountAccessor' | 'secretPath' | 'mountPath'>;

export type ApplyEventResult =
  /** The event changed the association. */
  | { outcome: 'applied'; association: Association }
  /** The unsync of a removed association succeeded, so the association was deleted; this is its final state. */
  | { outcome: 'removed'; association: Association }
  /** A queue event since `expectedGeneration` owns the status now; nothing changed. */
  | { outcome: 'superseded'; association: Association };

/**
 * Associations (spec §3.6-§3.8) and their two indexes, by destination and by source secret, kept in step in
 * the same atomic writes. Sub-key entries sit in a hash of their own, so that the per-key updates of one run
 * neither conflict with each other nor with status events on the association.
 */
export class AssociationRepository {
  private readonly keys: StoreKeys;
  private readonly now: () => Date;

  constructor(private readonly ctx: StoreContext) {
    this.keys = new StoreKeys(ctx.prefix);
    this.now = ctx.now ?? (() => new Date());
  }

  /**
   * `associations/set`: creates the association (PENDING, sync queued) or, when it exists, queues a refresh
   * (QUEUE_SYNC) and cancels a pending removal. Refused for a missing or purging destination.
   */
  async set(input: NewAssociation): Promise<{ association: Association; created: boolean }> {
    const id = associationId(input.destination, input);
    const destinationRecordKey = this.keys.destination(input.destination);
    return withOptimisticRetry(this.ctx.redis, `association ${id}`, async () => {
      const [destinationHash, associationHash, subKeysHash] = await readHashes(this.ctx.redis, [
        destinationRecordKey,
        this.keys.association(id),
        this.keys.associationSubKeys(id),
      ]);
      const destination = readVersioned<DestinationRecord>(destinationHash);
      if (destination === undefined) throw new DestinationNotFoundError(input.destination);
      if (destination.value.purgeInitiatedAt !== undefined) throw new DestinationPurgingError(input.destination);
      const existing = readVersioned<AssociationRecord>(associationHash);
      const at = this.now().toISOString();
      const refreshed: AssociationRecord = existing
        ? { ...applySyncEvent(existing.value, SyncEvent.QueueSync, {}, at), mountPath: input.mountPath, removeWhenUnsynced: undefined }
        : newAssociation(input, at);
      const associationKey = this.keys.association(id);
      const commands: WriteCommand[] = [['HSET', associationKey, ...versionedFields(refreshed, existing?.revision ?? 0)]];
      if (existing === undefined) {
        commands.push(
          ['SADD', this.keys.destinationAssociations(input.destination), id],
          ['SADD', this.keys.secretAssociations(input), id],
          ['HINCRBY', destinationRecordKey, ASSOCIATIONS_ADDED_FIELD, 1],
        );
      }
      return {
        result: { association: { ...refreshed, subKeys: parseEntries<SubKeyEntry>(subKeysHash) }, created: existing === undefined },
        write: {
          guards: [
            { key: destinationRecordKey, field: REVISION_FIELD, equals: String(destination.revision) },
            { key: associationKey, field: REVISION_FIELD, equals: revisionOf(existing) },
          ],
          commands,
        },
      };
    });
  }

  async get(id: string): Promise<Association | undefined> {
    const [association] = await this.readMany([id]);
    return association;
  }

  async listByDestination(destination: DestinationRef): Promise<Association[]> {
    return this.readMany(await this.ctx.redis.smembers(this.keys.destinationAssociations(destination)));
  }

  /** Every association of one source secret, across destinations: O(its associations) via the secret index. */
  async findBySecret(secret: SecretRef): Promise<Association[]> {
    return this.readMany(await this.ctx.redis.smembers(this.keys.secretAssociations(secret)));
  }

  /** Deletes the association, its sub-key entries and its index entries; `false` if it did not exist. */
  async remove(id: string): Promise<boolean> {
    return withOptimisticRetry(this.ctx.redis, `association ${id}`, async () => {
      const existing = await this.readRecord(id);
      if (existing === undefined) return { result: false };
      return {
        result: true,
        write: {
          guards: [{ key: this.keys.association(id), field: REVISION_FIELD, equals: revisionOf(existing) }],
          commands: associationRemovalCommands(this.keys, existing.value),
        },
      };
    });
  }

  /**
   * Moves the association through the domain state machine, atomically. An illegal transition throws the
   * domain's `IllegalTransitionError` and changes nothing. With `expectedGeneration`, a run that a newer queue
   * event has overtaken gets `superseded` back instead of settling the status.
   */
  async applyEvent(id: string, event: SyncEvent, options: ApplyEventOptions = {}): Promise<ApplyEventResult> {
    return withOptimisticRetry<ApplyEventResult>(this.ctx.redis, `association ${id}`, async () => {
      const { fence } = options;
      const [associationHash, subKeysHash, leaseHash] = await readHashes(this.ctx.redis, [
        this.keys.association(id),
        this.keys.associationSubKeys(id),
        this.keys.runLease(id),
      ]);
      const existing = readVersioned<AssociationRecord>(associationHash);
      if (existing === undefined) throw new AssociationNotFoundError(id);
      const subKeys = parseEntries<SubKeyEntry>(subKeysHash);
      const overtaken = options.expectedGeneration !== undefined && options.expectedGeneration !== existing.value.generation;
      if (overtaken || (fence !== undefined && leaseHash[LEASE_TOKEN_FIELD] !== fence.token)) {
        return { result: { outcome: 'superseded', association: { ...existing.value, subKeys } } };
      }
      const next = applySyncEvent(existing.value, event, options, this.now().toISOString());
      const removed = next.status === SyncStatus.Unsynced && next.removeWhenUnsynced === true;
      return {
        result: { outcome: removed ? 'removed' : 'applied', association: { ...next, subKeys } },
        write: {
          guards: [
            { key: this.keys.association(id), field: REVISION_FIELD, equals: revisionOf(existing) },
            ...(fence === undefined ? [] : [fenceGuard(this.keys, fence)]),
          ],
          commands: removed
            ? associationRemovalCommands(this.keys, next)
            : [['HSET', this.keys.association(id), ...versionedFields(next, existing.revision)]],
        },
      };
    });
  }

  /**
   * Records one sub key's entry (`secret-key` granularity); only while the association exists. With a worker
   * run's `fence`, `false` once the run has lost its lease (nothing written).
   */
  async setSubKey(id: string, subKey: string, entry: SubKeyEntry, fence?: RunFence): Promise<boolean> {
    return this.writeSubKey(id, ['HSET', this.keys.associationSubKeys(id), subKey, JSON.stringify(entry)], fence);
  }

  async removeSubKey(id: string, subKey: string, fence?: RunFence): Promise<boolean> {
    return this.writeSubKey(id, ['HDEL', this.keys.associationSubKeys(id), subKey], fence);
  }

  /** Guarded by the association's existence, so an entry never outlives (or resurrects) its association. */
  private async writeSubKey(id: string, command: WriteCommand, fence: RunFence | undefined): Promise<boolean> {
    const written = await executeAtomicWrite(this.ctx.redis, {
      guards: [{ key: this.keys.association(id), exists: true }, ...(fence === undefined ? [] : [fenceGuard(this.keys, fence)])],
      commands: [command],
    });
    if (written) return true;
    if ((await this.ctx.redis.exists(this.keys.association(id))) === 0) throw new AssociationNotFoundError(id);
    return false;
  }

  private async readRecord(id: string): Promise<Versioned<AssociationRecord> | undefined> {
    return readVersioned<AssociationRecord>(await this.ctx.redis.hgetall(this.keys.association(id)));
  }

  /** Reads associations with their sub-key entries in one snapshot, sorted by id; missing ids are skipped. */
  private async readMany(ids: string[]): Promise<Association[]> {
    const sorted = [...ids].sort();
    const hashes = await readHashes(
      this.ctx.redis,
      sorted.flatMap((id) => [this.keys.association(id), this.keys.associationSubKeys(id)]),
    );
    return sorted.flatMap((_, i) => {
      const record = readVersioned<AssociationRecord>(hashes[2 * i]);
      return record ? [{ ...record.value, subKeys: parseEntries<SubKeyEntry>(hashes[2 * i + 1]) }] : [];
    });
  }
}

function newAssociation(input: NewAssociation, at: string): AssociationRecord {
  return {
    destination: { type: input.destination.type, name: input.destination.name },
    mountAccessor: input.mountAccessor,
    secretPath: input.secretPath,
    mountPath: input.mountPath,
    status: SyncStatus.Pending,
    updatedAt: at,
    operation: 'sync',
    generation: 1,
    attempts: 0,
  };
}

