import { SubKeyEntry, SyncOperation, SyncStatus, VaultSyncError } from '@vault-sync/domain';
import { EntryResult } from './apply-plan';

export interface SubKeyUpdates {
  set: Record<string, SubKeyEntry>;
  /** Keys no longer in the secret whose objects are gone: their status entries go (spec §6). */
  remove: string[];
}

/**
 * Per-key statuses under secret-key granularity, after a run: written or unchanged keys are SYNCED, a key whose
 * object could not be written or deleted carries its own error, a key removed from the secret disappears once
 * its object is deleted, and after an unsync (secret deleted in Vault) every key reads UNSYNCED.
 */
export function subKeyUpdates(operation: SyncOperation, current: Readonly<Record<string, SubKeyEntry>>, results: readonly EntryResult[], at: string): SubKeyUpdates {
  const updates: SubKeyUpdates = { set: {}, remove: [] };
  const settled = (status: SyncStatus, externalName: string | undefined, error: VaultSyncError | undefined): SubKeyEntry => ({
    status: error === undefined ? status : error.failureClass,
    updatedAt: at,
    ...(externalName === undefined ? {} : { externalName }),
    ...(error === undefined ? {} : { lastError: error.toRecord() }),
  });
  for (const result of results) {
    if (result.subKey === undefined) continue;
    if (result.kind !== 'delete') updates.set[result.subKey] = settled(SyncStatus.Synced, result.externalName, result.error);
    else if (result.error !== undefined) updates.set[result.subKey] = settled(SyncStatus.Unsynced, result.externalName, result.error);
  }
  for (const [key, entry] of Object.entries(current)) {
    if (key in updates.set) continue;
    if (operation === 'unsync') updates.set[key] = settled(SyncStatus.Unsynced, entry.externalName, undefined);
    else updates.remove.push(key);
  }
  return updates;
}

/** The statuses shown while the run is in flight, for the keys it is about to write. */
export function inFlightSubKeys(results: readonly Pick<EntryResult, 'subKey' | 'externalName'>[], status: SyncStatus, at: string): Record<string, SubKeyEntry> {
  return Object.fromEntries(
    results.flatMap((entry) => (entry.subKey === undefined ? [] : [[entry.subKey, { status, updatedAt: at, externalName: entry.externalName }]])),
  );
}
