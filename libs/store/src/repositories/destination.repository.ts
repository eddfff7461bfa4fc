import { DESTINATION_KINDS, Destination, DestinationKind, DestinationRef, destinationKey } from '@vault-sync/domain';
import { CredentialCipher } from '../crypto/credential-cipher';
import {
  ConcurrentModificationError,
  DestinationAlreadyExistsError,
  DestinationInUseError,
  DestinationNotFoundError,
} from '../errors';
import { AssociationRecord, associationRemovalCommands } from '../internal/association-record';
import { AtomicWrite, WriteCommand, executeAtomicWrite } from '../internal/atomic-write';
import { ASSOCIATIONS_ADDED_FIELD, CREDENTIALS_FIELD, DestinationRecord } from '../internal/destination-record';
import { withOptimisticRetry } from '../internal/optimistic';
import { readHashes } from '../internal/read-hashes';
import { REVISION_FIELD, Versioned, readVersioned, revisionOf, versionedFields } from '../internal/serialization';
import { StoreKeys } from '../keys';
import { maskCredentialFields } from '../masking';
import { StoreContext } from '../store-context';

export type NewDestination = Pick<Destination, 'type' | 'name' | 'connection' | 'credentials' | 'options'>;
export type DestinationChanges = Partial<Pick<Destination, 'connection' | 'credentials' | 'options'>>;
/** A destination with the revision it was read at, for optimistic updates (e.g. an HTTP If-Match). */
export type StoredDestination = Destination & { revision: number };

interface StoredRecord extends Versioned<DestinationRecord> {
  envelope: string;
  associationsAdded: string | null;
}

/**
 * Destinations (spec §3.2-§3.5). Credentials are stored only as one encrypted envelope per destination; `get`
 * decrypts, `getMasked` never does (the field names are kept in clear for masking).
 */
export class DestinationRepository {
  private readonly keys: StoreKeys;
  private readonly now: () => Date;

  constructor(
    private readonly ctx: StoreContext,
    private readonly cipher: CredentialCipher,
  ) {
    this.keys = new StoreKeys(ctx.prefix);
    this.now = ctx.now ?? (() => new Date());
  }

  async create(input: NewDestination): Promise<StoredDestination> {
    const at = this.now().toISOString();
    const destination: Destination = { ...input, createdAt: at, updatedAt: at };
    const key = this.keys.destination(input);
    const created = await executeAtomicWrite(this.ctx.redis, {
      guards: [{ key, exists: false }],
      commands: [
        ['HSET', key, ...versionedFields(toRecord(destination), 0), CREDENTIALS_FIELD, this.cipher.encrypt(input, input.credentials)],
        ['ZADD', this.keys.destinationIndex(input.type), 0, input.name],
      ],
    });
    if (!created) throw new DestinationAlreadyExistsError(input);
    return { ...destination, revision: 1 };
  }

  async get(ref: DestinationRef): Promise<StoredDestination | undefined> {
    const stored = await this.read(ref);
    return stored && { ...this.decrypted(ref, stored), revision: stored.revision };
  }

  /** For API reads: credentials masked, without decrypting them. */
  async getMasked(ref: DestinationRef): Promise<StoredDestination | undefined> {
    const stored = await this.read(ref);
    if (stored === undefined) return undefined;
    return { ...fromRecord(stored.value, maskCredentialFields(stored.value.credentialFields)), revision: stored.revision };
  }

  /** Destinations of one type, or of every type; sorted by type, then name. */
  async list(type?: DestinationKind): Promise<DestinationRef[]> {
    const types = type === undefined ? [...DESTINATION_KINDS].sort() : [type];
    const refs: DestinationRef[] = [];
    for (const kind of types) {
      const names = await this.ctx.redis.zrange(this.keys.destinationIndex(kind), 0, -1);
      refs.push(...names.map((name) => ({ type: kind, name })));
    }
    return refs;
  }

  /**
   * Applies `change` to the current destination; re-run on a fresh read if another writer got in first. With
   * `expectedRevision`, refuses instead when the destination is no longer at that revision.
   */
  async update(
    ref: DestinationRef,
    change: (current: Destination) => DestinationChanges,
    options: { expectedRevision?: number } = {},
  ): Promise<StoredDestination> {
    return withOptimisticRetry(this.ctx.redis, `destination ${destinationKey(ref)}`, async () => {
      const stored = await this.require(ref);
      if (options.expectedRevision !== undefined && options.expectedRevision !== stored.revision) {
        throw new ConcurrentModificationError(`destination ${destinationKey(ref)}`);
      }
      const current = this.decrypted(ref, stored);
      const changes = change(current);
      const updated: Destination = { ...current, ...changes, updatedAt: this.now().toISOString() };
      const envelope = changes.credentials && !sameEntries(changes.credentials, current.credentials)
        ? this.cipher.encrypt(ref, changes.credentials)
        : undefined;
      return { result: { ...updated, revision: stored.revision + 1 }, write: this.rewrite(ref, stored, toRecord(updated), envelope) };
    });
  }

  /** `DELETE ...?purge=true`: keeps the first start time when retried, and clears an earlier purge error. */
  async markPurgeInitiated(ref: DestinationRef): Promise<void> {
    await this.modifyRecord(ref, ({ purgeError: _, ...record }) => ({
      ...record,
      purgeInitiatedAt: record.purgeInitiatedAt ?? this.now().toISOString(),
    }));
  }

  async recordPurgeError(ref: DestinationRef, message: string): Promise<void> {
    await this.modifyRecord(ref, (record) => ({ ...record, purgeError: message }));
  }

  async clearPurgeMarkers(ref: DestinationRef): Promise<void> {
    await this.modifyRecord(ref, ({ purgeInitiatedAt: _started, purgeError: _error, ...record }) => record);
  }

  /**
   * Deletes the destination and its ownership ledger; `false` if it did not exist. Refused while associations
   * exist, unless `force`, which deletes them too (their external secrets are orphaned, spec §3.5).
   */
  async delete(ref: DestinationRef, options: { force?: boolean } = {}): Promise<boolean> {
    return withOptimisticRetry(this.ctx.redis, `destination ${destinationKey(ref)}`, async () => {
      const stored = await this.read(ref);
      if (stored === undefined) return { result: false };
      const ids = await this.ctx.redis.smembers(this.keys.destinationAssociations(ref));
      if (ids.length > 0 && !options.force) throw new DestinationInUseError(ref, ids.length);
      const associations = (await readHashes(this.ctx.redis, ids.map((id) => this.keys.association(id))))
        .map((hash) => readVersioned<AssociationRecord>(hash))
        .filter((record) => record !== undefined);
      const key = this.keys.destination(ref);
      return {
        result: true,
        write: {
          guards: [
            { key, field: REVISION_FIELD, equals: String(stored.revision) },
            { key, field: ASSOCIATIONS_ADDED_FIELD, equals: stored.associationsAdded },
          ],
          commands: [
            ['DEL', key],
            ['ZREM', this.keys.destinationIndex(ref.type), ref.name],
            ['DEL', this.keys.destinationAssociations(ref)],
            ['DEL', this.keys.ledger(ref)],
            ...associations.flatMap((record) => associationRemovalCommands(this.keys, record.value)),
          ],
        },
      };
    });
  }

  private async modifyRecord(ref: DestinationRef, change: (record: DestinationRecord) => DestinationRecord): Promise<void> {
    await withOptimisticRetry(this.ctx.redis, `destination ${destinationKey(ref)}`, async () => {
      const stored = await this.require(ref);
      return { result: undefined, write: this.rewrite(ref, stored, { ...change(stored.value), updatedAt: this.now().toISOString() }) };
    });
  }

  /** Writes the next revision of the record, and the credential envelope only when it changed. */
  private rewrite(ref: DestinationRef, stored: StoredRecord, record: DestinationRecord, envelope?: string): AtomicWrite {
    const key = this.keys.destination(ref);
    const fields: WriteCommand = ['HSET', key, ...versionedFields(record, stored.revision)];
    if (envelope !== undefined) fields.push(CREDENTIALS_FIELD, envelope);
    return { guards: [{ key, field: REVISION_FIELD, equals: revisionOf(stored) }], commands: [fields] };
  }

  private async read(ref: DestinationRef): Promise<StoredRecord | undefined> {
    const hash = await this.ctx.redis.hgetall(this.keys.destination(ref));
    const record = readVersioned<DestinationRecord>(hash);
    return (
      record && {
        ...record,
        envelope: hash[CREDENTIALS_FIELD] ?? '',
        associationsAdded: hash[ASSOCIATIONS_ADDED_FIELD] ?? null,
      }
    );
  }

  private async require(ref: DestinationRef): Promise<StoredRecord> {
    const stored = await this.read(ref);
    if (stored === undefined) throw new DestinationNotFoundError(ref);
    return stored;
  }

  private decrypted(ref: DestinationRef, stored: StoredRecord): Destination {
    return fromRecord(stored.value, this.cipher.decrypt(ref, stored.envelope));
  }
}

function toRecord({ credentials, ...destination }: Destination): DestinationRecord {
  return { ...destination, credentialFields: Object.keys(credentials).sort() };
}

function fromRecord({ credentialFields: _credentialFields, ...destination }: DestinationRecord, credentials: Record<string, string>): Destination {
  return { ...destination, credentials };
}

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
