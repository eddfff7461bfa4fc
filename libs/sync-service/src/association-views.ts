import {
  Association,
  DestinationRef,
  ErrorRecord,
  FailureClass,
  SubKeyEntry,
  SyncOperation,
  SyncStatus,
  associationName,
  destinationKey,
  rollUpStatus,
} from '@vault-sync/domain';

/**
 * The association documents of the API, in Vault's field names (spec §3.6, §3.8). `last_error`,
 * `last_error_code` (the failure class) and `last_operation` are our extension (spec §3.6 recommendation),
 * present only when there is an error to report.
 */
export interface LastErrorFields {
  last_error?: string;
  last_error_code?: FailureClass;
  last_operation?: SyncOperation;
}

export interface AssociatedSecretEntry extends LastErrorFields {
  accessor: string;
  secret_name: string;
  sub_key?: string;
  sync_status: SyncStatus;
  updated_at: string;
}

export interface DestinationAssociationsView {
  store_name: string;
  store_type: string;
  associated_secrets: Record<string, AssociatedSecretEntry>;
}

export interface AssociatedDestinationEntry {
  type: string;
  name: string;
  sync_status: SyncStatus;
  updated_at: string;
  /** Extension: each sub key's status under `secret-key` granularity (spec §3.8 recommendation). */
  sub_keys?: Record<string, SyncStatus>;
}

export interface SecretDestinationsView {
  associated_destinations: Record<string, AssociatedDestinationEntry>;
}

export interface SecretsView {
  keys: string[];
  key_info: Record<string, { mount: string; secret_path: string }[]>;
  total_associations: number;
  total_secrets: number;
}

/**
 * `GET .../associations`: one entry per association, or under `secret-key` granularity one per sub key
 * (`<accessor>/<secret_name>/<sub_key>`). An association with no sub-key entry yet (just set, never synced)
 * shows as one plain entry, so the response to `set` already contains it (spec §3.7 step 4).
 */
export function toDestinationAssociationsView(destination: DestinationRef, associations: readonly Association[]): DestinationAssociationsView {
  const entries: [string, AssociatedSecretEntry][] = [];
  for (const association of associations) {
    const base = { accessor: association.mountAccessor, secret_name: association.secretPath };
    const subKeys = Object.entries(association.subKeys).sort(([a], [b]) => compare(a, b));
    if (subKeys.length === 0) {
      entries.push([
        associationName(association),
        { ...base, sync_status: association.status, updated_at: association.updatedAt, ...lastErrorFields(association.lastError, association.operation) },
      ]);
    }
    for (const [subKey, entry] of subKeys) {
      const { lastError, ...shown } = shownStatus(association, entry);
      entries.push([`${associationName(association)}/${subKey}`, { ...base, sub_key: subKey, ...shown, ...lastErrorFields(lastError, association.operation) }]);
    }
  }
  return { store_name: destination.name, store_type: destination.type, associated_secrets: Object.fromEntries(entries) };
}

/** `GET sys/sync/associations/destinations?mount=&secret_name=`: the associations of one secret, by destination. */
export function toSecretDestinationsView(associations: readonly Association[]): SecretDestinationsView {
  const entries = associations.map((association): [string, AssociatedDestinationEntry] => {
    const subKeys = Object.entries(association.subKeys).map(([key, entry]) => [key, shownStatus(association, entry)] as const);
    const statuses = [association.status, ...subKeys.map(([, shown]) => shown.sync_status)];
    return [
      destinationKey(association.destination),
      {
        type: association.destination.type,
        name: association.destination.name,
        sync_status: rollUpStatus(statuses) ?? association.status,
        updated_at: latest([association.updatedAt, ...subKeys.map(([, shown]) => shown.updated_at)]),
        ...(subKeys.length === 0 ? {} : { sub_keys: Object.fromEntries(subKeys.map(([key, shown]) => [key, shown.sync_status])) }),
      },
    ];
  });
  return { associated_destinations: Object.fromEntries(entries) };
}

/**
 * `LIST sys/sync/associations`: secrets with at least one association, keyed by mount path (not accessor) and
 * secret path; a mount path as recorded when the association was last set.
 */
export function toSecretsView(associations: readonly Association[]): SecretsView {
  const keyInfo = new Map<string, { mount: string; secret_path: string }>();
  for (const association of associations) {
    keyInfo.set(`${association.mountPath}/${association.secretPath}`, { mount: `${association.mountPath}/`, secret_path: association.secretPath });
  }
  const sorted = [...keyInfo.entries()].sort(([a], [b]) => compare(a, b));
  return {
    keys: sorted.map(([key]) => key),
    key_info: Object.fromEntries(sorted.map(([key, info]) => [key, [info]])),
    total_associations: associations.length,
    total_secrets: sorted.length,
  };
}

/**
 * A sub key's entry is kept from its association's last run, so it alone would show SYNCED while a newer run is
 * queued or has failed as a whole. The entry shows the more severe of the two statuses (spec §7.2 order) and the
 * error of whichever it shows.
 */
function shownStatus(association: Association, entry: SubKeyEntry): { sync_status: SyncStatus; updated_at: string; lastError?: ErrorRecord } {
  const status = rollUpStatus([association.status, entry.status]) ?? entry.status;
  const source = status === entry.status ? entry : association;
  return { sync_status: status, updated_at: latest([association.updatedAt, entry.updatedAt]), lastError: source.lastError };
}

function lastErrorFields(error: ErrorRecord | undefined, operation: SyncOperation | undefined): LastErrorFields {
  if (error === undefined) return {};
  return { last_error: error.message, last_error_code: error.failureClass, ...(operation === undefined ? {} : { last_operation: operation }) };
}

/** Code-point order, the same on every machine (unlike `localeCompare`). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Timestamps are ISO 8601 in UTC from `toISOString`, so they order as strings. */
function latest(timestamps: string[]): string {
  return timestamps.reduce((a, b) => (b > a ? b : a));
}
