import { ErrorRecord, SyncEvent, SyncOperation, SyncStatus, nextStatus } from '@vault-sync/domain';
import { AssociationRecord } from '../internal/association-record';
import type { RunFence } from './run-lease.repository';

export interface ApplyEventOptions {
  /** The generation the run was started for; a queue event since then supersedes the run's outcome. */
  expectedGeneration?: number;
  /** Required with a failure event: stored as the association's last error. */
  error?: ErrorRecord;
  /** Recorded when a sync succeeds. */
  syncedVersion?: number;
  /** Recorded when a sync succeeds (`secret-path` granularity). */
  externalName?: string;
  /** With QUEUE_UNSYNC (`associations/remove`): delete the association once the unsync succeeds. */
  removeWhenUnsynced?: boolean;
  /** A worker run's lease: once it is lost, the event is refused as `superseded` (another run owns the status). */
  fence?: RunFence;
}

const OPERATION_OF: Partial<Record<SyncEvent, SyncOperation>> = {
  [SyncEvent.QueueSync]: 'sync',
  [SyncEvent.StartSync]: 'sync',
  [SyncEvent.QueueUnsync]: 'unsync',
  [SyncEvent.StartUnsync]: 'unsync',
};

/**
 * The association after `event`: the domain state machine decides the status (and throws
 * `IllegalTransitionError`); this adds the bookkeeping around it. Queue events start a new generation and reset
 * attempts; start events spend an attempt; success clears the operation and last error; failure records it.
 * An unsync leaves nothing at the destination, so its success also forgets the synced version and name.
 */
export function applySyncEvent(current: AssociationRecord, event: SyncEvent, options: ApplyEventOptions, at: string): AssociationRecord {
  const next: AssociationRecord = { ...current, status: nextStatus(current.status, event), updatedAt: at };
  switch (event) {
    case SyncEvent.QueueSync:
    case SyncEvent.QueueUnsync:
      return {
        ...next,
        operation: OPERATION_OF[event],
        generation: current.generation + 1,
        attempts: 0,
        removeWhenUnsynced: current.removeWhenUnsynced || (event === SyncEvent.QueueUnsync && options.removeWhenUnsynced) || undefined,
      };
    case SyncEvent.StartSync:
    case SyncEvent.StartUnsync:
      return { ...next, operation: OPERATION_OF[event], attempts: current.attempts + 1 };
    case SyncEvent.Succeed: {
      const synced = next.status === SyncStatus.Synced;
      return {
        ...next,
        operation: undefined,
        lastError: undefined,
        syncedVersion: synced ? (options.syncedVersion ?? current.syncedVersion) : undefined,
        externalName: synced ? (options.externalName ?? current.externalName) : undefined,
      };
    }
    case SyncEvent.FailInternal:
    case SyncEvent.FailClientSide:
    case SyncEvent.FailExternal:
      if (options.error === undefined) throw new TypeError(`${event} needs the error to record`);
      return { ...next, lastError: options.error };
    case SyncEvent.LoseTrack:
      return next;
  }
}
