import { ErrorCode, FailureClass, IllegalTransitionError, SyncEvent, SyncStatus } from '@vault-sync/domain';
import { AssociationRecord } from '../internal/association-record';
import { applySyncEvent } from './association-events';

const AT = '2025-05-02T09:14:03.000Z';
const error = { failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, message: 'gh/ci-repo answered 503' };

function association(overrides: Partial<AssociationRecord> = {}): AssociationRecord {
  return {
    destination: { type: 'gh', name: 'ci-repo' },
    mountAccessor: 'kv_1a2b3c4d',
    secretPath: 'app/db',
    mountPath: 'kv',
    status: SyncStatus.Synced,
    updatedAt: '2025-01-01T00:00:00.000Z',
    generation: 3,
    attempts: 2,
    syncedVersion: 4,
    externalName: 'VAULT_APP_DB',
    ...overrides,
  };
}

describe('applySyncEvent', () => {
  it('starts a new generation on a queue event, resetting attempts and naming the operation', () => {
    const next = applySyncEvent(association(), SyncEvent.QueueUnsync, {}, AT);
    expect(next).toMatchObject({ status: SyncStatus.Pending, operation: 'unsync', generation: 4, attempts: 0, updatedAt: AT, syncedVersion: 4 });
    expect(next.removeWhenUnsynced).toBeUndefined();
  });

  it('remembers a requested removal through later queue events', () => {
    const removing = applySyncEvent(association(), SyncEvent.QueueUnsync, { removeWhenUnsynced: true }, AT);
    expect(removing.removeWhenUnsynced).toBe(true);
    expect(applySyncEvent(removing, SyncEvent.QueueSync, {}, AT).removeWhenUnsynced).toBe(true);
  });

  it('spends an attempt on each start', () => {
    const pending = association({ status: SyncStatus.Pending, operation: 'sync', attempts: 0 });
    const started = applySyncEvent(pending, SyncEvent.StartSync, {}, AT);
    expect(started).toMatchObject({ status: SyncStatus.Syncing, attempts: 1, generation: 3 });
    expect(applySyncEvent(started, SyncEvent.StartSync, {}, AT).attempts).toBe(2);
  });

  it('records the version and name on a successful sync and clears the operation and last error', () => {
    const syncing = association({ status: SyncStatus.Syncing, operation: 'sync', lastError: error });
    const next = applySyncEvent(syncing, SyncEvent.Succeed, { syncedVersion: 5, externalName: 'VAULT_APP_DB_2' }, AT);
    expect(next).toMatchObject({ status: SyncStatus.Synced, syncedVersion: 5, externalName: 'VAULT_APP_DB_2' });
    expect(next.operation).toBeUndefined();
    expect(next.lastError).toBeUndefined();
  });

  it('forgets version and name once an unsync succeeded: nothing is left at the destination', () => {
    const next = applySyncEvent(association({ status: SyncStatus.Unsyncing, operation: 'unsync' }), SyncEvent.Succeed, {}, AT);
    expect(next.status).toBe(SyncStatus.Unsynced);
    expect(next.syncedVersion).toBeUndefined();
    expect(next.externalName).toBeUndefined();
  });

  it('stores the error of a failed run and keeps its operation', () => {
    const next = applySyncEvent(association({ status: SyncStatus.Syncing, operation: 'sync' }), SyncEvent.FailExternal, { error }, AT);
    expect(next).toMatchObject({ status: SyncStatus.ExternalServiceError, operation: 'sync', lastError: error });
  });

  it('insists on the error for a failure event', () => {
    expect(() => applySyncEvent(association({ status: SyncStatus.Syncing }), SyncEvent.FailInternal, {}, AT)).toThrow(/needs the error/);
  });

  it('lets the domain state machine refuse an illegal transition', () => {
    expect(() => applySyncEvent(association(), SyncEvent.Succeed, {}, AT)).toThrow(IllegalTransitionError);
  });
});
