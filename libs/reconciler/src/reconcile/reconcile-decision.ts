import { Association, SyncStatus, isErrorStatus } from '@vault-sync/domain';
import { SecretState } from './secret-state';

/** Why a sync is queued; for reports and logs. */
export type SyncReason =
  /** Vault has a newer live version than the one last synced. */
  | 'changed'
  /** The synced version is no longer live (deleted, expired, destroyed, metadata gone): the run unsyncs. */
  | 'gone'
  /** The secret is live again after an unsync (recreated, undeleted). */
  | 'reappeared'
  /** The mount is gone: the run records INTERNAL_VAULT_ERROR "mount not found" (spec vault-sync-api §7.4). */
  | 'mount-missing'
  /** An error or UNKNOWN status, re-attempted (spec §7.3). */
  | 'retry';

/**
 * What the reconciler does for one association:
 * - `sync`: a queue event (which bumps the generation) and a sync job. The worker reads Vault when it runs and
 *   writes the latest version, or unsyncs when it is not live, as it does for every change the feeds report;
 * - `requeue`: add the job again for the generation already recorded, without a new queue event: for an
 *   association PENDING so long that its job seems lost (a crash between recording and enqueueing), and for a
 *   failed removal, whose unsync must stay an unsync;
 * - `none`: nothing differs, or a run is already under way.
 */
export type ReconcileAction = { kind: 'sync'; reason: SyncReason; observedVersion?: number } | { kind: 'requeue' } | { kind: 'none' };

export interface DecisionPolicy {
  nowMs: number;
  /** How long an association may stay in an error state before the reconciler runs it again (spec §7.3). */
  errorRetryAfterMs: number;
  /** How long an association may stay PENDING before its job is presumed lost. */
  pendingStaleAfterMs: number;
}

const NONE: ReconcileAction = { kind: 'none' };

function sync(reason: SyncReason, state: SecretState): ReconcileAction {
  return state.kind === 'live' ? { kind: 'sync', reason, observedVersion: state.version } : { kind: 'sync', reason };
}

/** What the destination should hold compared with what the association last synced (SYNCED or UNSYNCED). */
function settledDrift(association: Association, state: SecretState): ReconcileAction {
  const synced = association.status === SyncStatus.Synced;
  switch (state.kind) {
    case 'live':
      if (!synced) return sync('reappeared', state);
      return state.version === association.syncedVersion ? NONE : sync('changed', state);
    case 'mount-missing':
      return synced ? sync('mount-missing', state) : NONE;
    default:
      return synced ? sync('gone', state) : NONE;
  }
}

/**
 * Compares what the association last synced (`status`, `syncedVersion`) with Vault's current state (spec §7.3:
 * "compares the source version that was last synced with KV current_version, and re-syncs when they differ").
 */
export function decide(association: Association, state: SecretState, policy: DecisionPolicy): ReconcileAction {
  const ageMs = policy.nowMs - Date.parse(association.updatedAt);
  switch (association.status) {
    case SyncStatus.Pending:
      return ageMs >= policy.pendingStaleAfterMs ? { kind: 'requeue' } : NONE;
    // In flight: the run reads Vault when it starts; a crashed worker's job is retried by BullMQ's stall check.
    case SyncStatus.Syncing:
    case SyncStatus.Unsyncing:
      return NONE;
    case SyncStatus.Synced:
    case SyncStatus.Unsynced:
      return settledDrift(association, state);
    default: {
      // Error states: BullMQ retries with backoff first; the reconciler re-attempts after that, never hot.
      // UNKNOWN (a run lost track of its outcome) is resolved at once.
      const due = association.status === SyncStatus.Unknown || (isErrorStatus(association.status) && ageMs >= policy.errorRetryAfterMs);
      if (!due) return NONE;
      return association.removeWhenUnsynced ? { kind: 'requeue' } : sync('retry', state);
    }
  }
}
