import { ErrorCode } from '../errors/error-code';
import { FailureClass } from '../errors/failure-class';
import {
  IllegalTransitionError,
  SYNC_EVENTS,
  SyncEvent,
  TRANSITIONS,
  canTransition,
  failureEvent,
  isErrorStatus,
  nextStatus,
} from './state-machine';
import { SYNC_STATUSES, SyncStatus } from './sync-status';

const S = SyncStatus;
const E = SyncEvent;
const X = undefined; // illegal

/**
 * The expected table, written out independently of the implementation: one row per status, one column per
 * event, in SYNC_EVENTS order.
 */
const cols = [E.QueueSync, E.QueueUnsync, E.StartSync, E.StartUnsync, E.Succeed, E.FailInternal, E.FailClientSide, E.FailExternal, E.LoseTrack];
const expected: Record<SyncStatus, (SyncStatus | undefined)[]> = {
  //                          QSync      QUnsync    StartSync   StartUnsync   Succeed     FailInt                  FailClient           FailExt                    LoseTrack
  [S.Pending]:              [S.Pending, S.Pending, S.Syncing,  S.Unsyncing,  X,          X,                       X,                   X,                         X],
  [S.Syncing]:              [S.Pending, S.Pending, S.Syncing,  X,            S.Synced,   S.InternalVaultError,    S.ClientSideError,   S.ExternalServiceError,    S.Unknown],
  [S.Synced]:               [S.Pending, S.Pending, X,          X,            X,          X,                       X,                   X,                         X],
  [S.Unsyncing]:            [S.Pending, S.Pending, X,          S.Unsyncing,  S.Unsynced, S.InternalVaultError,    S.ClientSideError,   S.ExternalServiceError,    S.Unknown],
  [S.Unsynced]:             [S.Pending, S.Pending, X,          X,            X,          X,                       X,                   X,                         X],
  [S.InternalVaultError]:   [S.Pending, S.Pending, S.Syncing,  S.Unsyncing,  X,          X,                       X,                   X,                         X],
  [S.ClientSideError]:      [S.Pending, S.Pending, S.Syncing,  S.Unsyncing,  X,          X,                       X,                   X,                         X],
  [S.ExternalServiceError]: [S.Pending, S.Pending, S.Syncing,  S.Unsyncing,  X,          X,                       X,                   X,                         X],
  [S.Unknown]:              [S.Pending, S.Pending, S.Syncing,  S.Unsyncing,  X,          X,                       X,                   X,                         X],
};

describe('association state machine', () => {
  it('has a column for every event and a row for every status', () => {
    expect([...cols].sort()).toEqual([...SYNC_EVENTS].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...SYNC_STATUSES].sort());
  });

  const cells = SYNC_STATUSES.flatMap((from) => cols.map((event, i) => [from, event, expected[from][i]] as const));

  it.each(cells)('%s + %s -> %s', (from, event, to) => {
    if (to === undefined) {
      expect(canTransition(from, event)).toBe(false);
      expect(() => nextStatus(from, event)).toThrow(IllegalTransitionError);
    } else {
      expect(canTransition(from, event)).toBe(true);
      expect(nextStatus(from, event)).toBe(to);
    }
  });

  it('reports an illegal transition as a typed, non-retryable error naming both ends', () => {
    let caught: unknown;
    try {
      nextStatus(S.Synced, E.Succeed);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const err = caught as IllegalTransitionError;
    expect(err.code).toBe(ErrorCode.IllegalTransition);
    expect(err.retryable).toBe(false);
    expect(err.from).toBe(S.Synced);
    expect(err.event).toBe(E.Succeed);
    expect(err.message).toContain('SUCCEED');
    expect(err.message).toContain('SYNCED');
  });

  it('maps each failure class to the event that lands in that status', () => {
    for (const failureClass of Object.values(FailureClass)) {
      expect(nextStatus(S.Syncing, failureEvent(failureClass))).toBe(failureClass);
    }
  });

  it('knows which statuses are errors', () => {
    expect(SYNC_STATUSES.filter(isErrorStatus).sort()).toEqual(
      [S.ClientSideError, S.ExternalServiceError, S.InternalVaultError].sort(),
    );
  });
});
