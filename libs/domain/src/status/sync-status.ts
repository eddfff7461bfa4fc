/** `sync_status` of an association or sub-key entry (spec §7.1). */
export const SyncStatus = {
  Pending: 'PENDING',
  Syncing: 'SYNCING',
  Synced: 'SYNCED',
  Unsyncing: 'UNSYNCING',
  Unsynced: 'UNSYNCED',
  InternalVaultError: 'INTERNAL_VAULT_ERROR',
  ClientSideError: 'CLIENT_SIDE_ERROR',
  ExternalServiceError: 'EXTERNAL_SERVICE_ERROR',
  Unknown: 'UNKNOWN',
} as const;

export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

export const SYNC_STATUSES: readonly SyncStatus[] = Object.values(SyncStatus);

export function isSyncStatus(value: string): value is SyncStatus {
  return (SYNC_STATUSES as readonly string[]).includes(value);
}

/** Most severe first: the status a destination or secret summary reports for a set of entries (spec §7.2). */
const SEVERITY: readonly SyncStatus[] = [
  SyncStatus.InternalVaultError,
  SyncStatus.ClientSideError,
  SyncStatus.ExternalServiceError,
  SyncStatus.Unknown,
  SyncStatus.Unsyncing,
  SyncStatus.Syncing,
  SyncStatus.Pending,
  SyncStatus.Unsynced,
  SyncStatus.Synced,
];

/** Roll several statuses up into one; `undefined` for none. */
export function rollUpStatus(statuses: Iterable<SyncStatus>): SyncStatus | undefined {
  let worst: number | undefined;
  for (const status of statuses) {
    const rank = SEVERITY.indexOf(status);
    if (worst === undefined || rank < worst) worst = rank;
  }
  return worst === undefined ? undefined : SEVERITY[worst];
}
