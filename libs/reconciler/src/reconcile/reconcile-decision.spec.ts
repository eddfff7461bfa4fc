import { Association, SyncStatus } from '@vault-sync/domain';
import { DecisionPolicy, decide } from './reconcile-decision';
import { SecretState } from './secret-state';

const NOW = Date.parse('2025-05-02T12:00:00Z');
const policy: DecisionPolicy = { nowMs: NOW, errorRetryAfterMs: 60_000, pendingStaleAfterMs: 120_000 };
const secondsAgo = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

function association(status: SyncStatus, extra: Partial<Association> = {}): Association {
  return {
    destination: { type: 'gh', name: 'ci' },
    mountAccessor: 'kv_1',
    secretPath: 'app/db',
    mountPath: 'secret',
    status,
    updatedAt: secondsAgo(1),
    generation: 3,
    attempts: 0,
    subKeys: {},
    ...extra,
  };
}

const live = (version: number): SecretState => ({ kind: 'live', version });
const GONE: SecretState[] = [{ kind: 'deleted', version: 2 }, { kind: 'destroyed', version: 2 }, { kind: 'absent' }];

describe('decide', () => {
  it('leaves a synced association alone while Vault still has that version', () => {
    expect(decide(association(SyncStatus.Synced, { syncedVersion: 2 }), live(2), policy)).toEqual({ kind: 'none' });
  });

  it('syncs a synced association when Vault moved on, passing the version it saw', () => {
    expect(decide(association(SyncStatus.Synced, { syncedVersion: 2 }), live(3), policy)).toEqual({ kind: 'sync', reason: 'changed', observedVersion: 3 });
  });

  it.each(GONE)('sends a synced association whose current version is not live (%o) to a run, which unsyncs', (state) => {
    expect(decide(association(SyncStatus.Synced, { syncedVersion: 2 }), state, policy)).toEqual({ kind: 'sync', reason: 'gone' });
  });

  it('syncs an unsynced association whose secret is live again, and leaves it while it is gone', () => {
    expect(decide(association(SyncStatus.Unsynced), live(4), policy)).toEqual({ kind: 'sync', reason: 'reappeared', observedVersion: 4 });
    for (const state of GONE) expect(decide(association(SyncStatus.Unsynced), state, policy)).toEqual({ kind: 'none' });
  });

  it('lets a run that is under way finish', () => {
    for (const status of [SyncStatus.Syncing, SyncStatus.Unsyncing]) {
      expect(decide(association(status, { updatedAt: secondsAgo(3600) }), live(9), policy)).toEqual({ kind: 'none' });
    }
  });

  it('re-adds the job of an association that has been pending too long, without a new queue event', () => {
    expect(decide(association(SyncStatus.Pending, { updatedAt: secondsAgo(60) }), live(2), policy)).toEqual({ kind: 'none' });
    expect(decide(association(SyncStatus.Pending, { updatedAt: secondsAgo(120) }), live(2), policy)).toEqual({ kind: 'requeue' });
  });

  it('re-attempts an error state only after the retry delay', () => {
    for (const status of [SyncStatus.ClientSideError, SyncStatus.ExternalServiceError, SyncStatus.InternalVaultError]) {
      expect(decide(association(status, { updatedAt: secondsAgo(30) }), live(2), policy)).toEqual({ kind: 'none' });
      expect(decide(association(status, { updatedAt: secondsAgo(60) }), live(2), policy)).toEqual({ kind: 'sync', reason: 'retry', observedVersion: 2 });
      expect(decide(association(status, { updatedAt: secondsAgo(60) }), { kind: 'absent' }, policy)).toEqual({ kind: 'sync', reason: 'retry' });
    }
  });

  it('resolves UNKNOWN at once', () => {
    expect(decide(association(SyncStatus.Unknown), live(2), policy)).toEqual({ kind: 'sync', reason: 'retry', observedVersion: 2 });
  });

  it('re-adds a failed removal as the same unsync, never turning it into a sync', () => {
    const failedRemoval = association(SyncStatus.ExternalServiceError, { updatedAt: secondsAgo(600), operation: 'unsync', removeWhenUnsynced: true });
    expect(decide(failedRemoval, live(2), policy)).toEqual({ kind: 'requeue' });
  });

  it('sends a synced secret of a vanished mount to a run, which records the mount error', () => {
    expect(decide(association(SyncStatus.Synced, { syncedVersion: 2 }), { kind: 'mount-missing' }, policy)).toEqual({ kind: 'sync', reason: 'mount-missing' });
    expect(decide(association(SyncStatus.Unsynced), { kind: 'mount-missing' }, policy)).toEqual({ kind: 'none' });
  });
});
