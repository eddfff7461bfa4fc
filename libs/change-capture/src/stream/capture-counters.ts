/** Running totals of one feed. Counts only: nothing from an entry's body. */
export interface CaptureCounters {
  /** Complete lines received. */
  entries: number;
  /** Changes classified (before the queue, so `changes - dropped` were handed on). */
  changes: number;
  /** Lines that are not a JSON object. */
  malformed: number;
  /** Lines longer than the limit, discarded unread. */
  oversized: number;
  /** Unfinished lines at a connection close or file switch. */
  truncated: number;
  /** Changes lost because the queue was full. */
  dropped: number;
}

export const newCaptureCounters = (): CaptureCounters => ({ entries: 0, changes: 0, malformed: 0, oversized: 0, truncated: 0, dropped: 0 });

/**
 * Why changes may have been missed; the owner should reconcile (spec vault-change-capture §1.5 "record a gap",
 * §6 item 13: every new connection may follow a silently lost entry).
 */
export type CaptureGapReason =
  | 'connection-opened'
  | 'truncated-line'
  | 'oversized-line'
  | 'malformed-line'
  | 'queue-overflow'
  | 'file-truncated'
  | 'file-replaced';
