import { ClientSideError, ErrorCode, SyncStatus } from '@vault-sync/domain';
import { shouldRun } from './association-runner';
import { subKeyUpdates } from './sub-key-statuses';

const AT = '2025-05-02T09:00:00.000Z';

describe('subKeyUpdates', () => {
  it('marks written and unchanged keys SYNCED, a failed key with its own error, and drops removed keys', () => {
    const current = { npm: { status: SyncStatus.Synced, updatedAt: 'x' }, gone: { status: SyncStatus.Synced, updatedAt: 'x' } };
    const failure = new ClientSideError(ErrorCode.ValueTooLarge, 'too large');
    const updates = subKeyUpdates(
      'sync',
      current,
      [
        { externalName: 'NPM', subKey: 'npm', kind: 'unchanged' },
        { externalName: 'PYPI', subKey: 'pypi', kind: 'write', error: failure },
        { externalName: 'GONE', subKey: 'gone', kind: 'delete' },
      ],
      AT,
    );
    expect(updates.set).toEqual({
      npm: { status: SyncStatus.Synced, updatedAt: AT, externalName: 'NPM' },
      pypi: { status: SyncStatus.ClientSideError, updatedAt: AT, externalName: 'PYPI', lastError: failure.toRecord() },
    });
    expect(updates.remove).toEqual(['gone']);
  });

  it('reports every key UNSYNCED after an unsync, except one whose delete failed', () => {
    const current = { npm: { status: SyncStatus.Synced, updatedAt: 'x', externalName: 'NPM' }, pypi: { status: SyncStatus.Synced, updatedAt: 'x' } };
    const failure = new ClientSideError(ErrorCode.DestinationPermissionDenied, '403');
    const updates = subKeyUpdates('unsync', current, [{ externalName: 'PYPI', subKey: 'pypi', kind: 'delete', error: failure }], AT);
    expect(updates.set['npm']).toEqual({ status: SyncStatus.Unsynced, updatedAt: AT, externalName: 'NPM' });
    expect(updates.set['pypi']?.status).toBe(SyncStatus.ClientSideError);
    expect(updates.remove).toEqual([]);
  });
});

describe('shouldRun', () => {
  it('runs queued and interrupted work, error states only as the continuation of their own run', () => {
    expect(shouldRun(SyncStatus.Pending, false)).toBe(true);
    expect(shouldRun(SyncStatus.Syncing, false)).toBe(true);
    expect(shouldRun(SyncStatus.Unknown, false)).toBe(true);
    expect(shouldRun(SyncStatus.ClientSideError, false)).toBe(false);
    expect(shouldRun(SyncStatus.ExternalServiceError, true)).toBe(true);
    expect(shouldRun(SyncStatus.Synced, true)).toBe(false);
    expect(shouldRun(SyncStatus.Unsynced, false)).toBe(false);
  });
});
