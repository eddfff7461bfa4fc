import { SYNC_STATUSES, SyncStatus, isSyncStatus, rollUpStatus } from './sync-status';

describe('sync status', () => {
  it('has exactly the statuses Vault reports', () => {
    expect([...SYNC_STATUSES].sort()).toEqual(
      ['CLIENT_SIDE_ERROR', 'EXTERNAL_SERVICE_ERROR', 'INTERNAL_VAULT_ERROR', 'PENDING', 'SYNCED', 'SYNCING', 'UNKNOWN', 'UNSYNCED', 'UNSYNCING'],
    );
  });

  it('recognises status strings', () => {
    expect(isSyncStatus('SYNCED')).toBe(true);
    expect(isSyncStatus('synced')).toBe(false);
    expect(isSyncStatus('')).toBe(false);
  });

  it.each([
    [[], undefined],
    [[SyncStatus.Synced], SyncStatus.Synced],
    [[SyncStatus.Synced, SyncStatus.Unsynced], SyncStatus.Unsynced],
    [[SyncStatus.Synced, SyncStatus.Pending, SyncStatus.Syncing], SyncStatus.Syncing],
    [[SyncStatus.Unsyncing, SyncStatus.Unknown], SyncStatus.Unknown],
    [[SyncStatus.ExternalServiceError, SyncStatus.ClientSideError, SyncStatus.Synced], SyncStatus.ClientSideError],
    [[SyncStatus.ClientSideError, SyncStatus.InternalVaultError], SyncStatus.InternalVaultError],
  ] as const)('rolls %j up to %s', (statuses, expected) => {
    expect(rollUpStatus(statuses)).toBe(expected);
  });
});
