import { ErrorCode } from '../errors/error-code';
import { FailureClass } from '../errors/failure-class';
import { VaultSyncError } from '../errors/vault-sync-error';
import { SyncStatus } from './sync-status';

/**
 * What can happen to an association. A run is "sync" (write) or "unsync" (delete); it is queued, started, and
 * ends in success, one of three failure classes, or an unknown outcome (crash or lost lock mid-run).
 */
export const SyncEvent = {
  QueueSync: 'QUEUE_SYNC',
  QueueUnsync: 'QUEUE_UNSYNC',
  StartSync: 'START_SYNC',
  StartUnsync: 'START_UNSYNC',
  Succeed: 'SUCCEED',
  FailInternal: 'FAIL_INTERNAL',
  FailClientSide: 'FAIL_CLIENT_SIDE',
  FailExternal: 'FAIL_EXTERNAL',
  LoseTrack: 'LOSE_TRACK',
} as const;

export type SyncEvent = (typeof SyncEvent)[keyof typeof SyncEvent];

export const SYNC_EVENTS: readonly SyncEvent[] = Object.values(SyncEvent);

const S = SyncStatus;
const ERROR_STATES = [S.InternalVaultError, S.ClientSideError, S.ExternalServiceError] as const;

type Row = Partial<Record<SyncEvent, SyncStatus>>;

/** From a settled state, a run may only start after being queued; from an error or unknown state, a retry or the reconciler may start it directly. */
const RETRYABLE_ROW: Row = {
  [SyncEvent.QueueSync]: S.Pending,
  [SyncEvent.QueueUnsync]: S.Pending,
  [SyncEvent.StartSync]: S.Syncing,
  [SyncEvent.StartUnsync]: S.Unsyncing,
};

function inFlightRow(outcome: SyncStatus, restart: SyncEvent): Row {
  return {
    [SyncEvent.QueueSync]: S.Pending,
    [SyncEvent.QueueUnsync]: S.Pending,
    // A stalled job that BullMQ hands to another worker re-enters its own in-flight state.
    [restart]: restart === SyncEvent.StartSync ? S.Syncing : S.Unsyncing,
    [SyncEvent.Succeed]: outcome,
    [SyncEvent.FailInternal]: S.InternalVaultError,
    [SyncEvent.FailClientSide]: S.ClientSideError,
    [SyncEvent.FailExternal]: S.ExternalServiceError,
    [SyncEvent.LoseTrack]: S.Unknown,
  };
}

/**
 * The association state machine as a table: `TRANSITIONS[from][event]` is the next status; a missing cell is an
 * illegal transition. Spec §7.2, with these decisions: the queue events are accepted from every state (a newer
 * change always wins); an error state is left only by a new run; `UNKNOWN` is left by the reconciler starting a run.
 */
export const TRANSITIONS: Readonly<Record<SyncStatus, Row>> = {
  [S.Pending]: {
    [SyncEvent.QueueSync]: S.Pending,
    [SyncEvent.QueueUnsync]: S.Pending,
    [SyncEvent.StartSync]: S.Syncing,
    [SyncEvent.StartUnsync]: S.Unsyncing,
  },
  [S.Syncing]: inFlightRow(S.Synced, SyncEvent.StartSync),
  [S.Unsyncing]: inFlightRow(S.Unsynced, SyncEvent.StartUnsync),
  [S.Synced]: { [SyncEvent.QueueSync]: S.Pending, [SyncEvent.QueueUnsync]: S.Pending },
  [S.Unsynced]: { [SyncEvent.QueueSync]: S.Pending, [SyncEvent.QueueUnsync]: S.Pending },
  [S.InternalVaultError]: RETRYABLE_ROW,
  [S.ClientSideError]: RETRYABLE_ROW,
  [S.ExternalServiceError]: RETRYABLE_ROW,
  [S.Unknown]: RETRYABLE_ROW,
};

export class IllegalTransitionError extends VaultSyncError {
  readonly failureClass = FailureClass.InternalVault;
  constructor(
    readonly from: SyncStatus,
    readonly event: SyncEvent,
  ) {
    super(ErrorCode.IllegalTransition, `illegal status transition: ${event} is not allowed from ${from}`, false);
  }
}

/** The status after `event` happens in status `from`; throws {@link IllegalTransitionError} instead of overwriting. */
export function nextStatus(from: SyncStatus, event: SyncEvent): SyncStatus {
  const to = TRANSITIONS[from][event];
  if (to === undefined) throw new IllegalTransitionError(from, event);
  return to;
}

export function canTransition(from: SyncStatus, event: SyncEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

/** The failure event a classified error produces. */
export function failureEvent(failureClass: FailureClass): SyncEvent {
  switch (failureClass) {
    case FailureClass.InternalVault:
      return SyncEvent.FailInternal;
    case FailureClass.ClientSide:
      return SyncEvent.FailClientSide;
    case FailureClass.ExternalService:
      return SyncEvent.FailExternal;
  }
}

export const isErrorStatus = (status: SyncStatus): boolean => (ERROR_STATES as readonly SyncStatus[]).includes(status);
