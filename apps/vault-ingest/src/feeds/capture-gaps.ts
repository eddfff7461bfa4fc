import { CaptureGapReason } from '@vault-sync/change-capture';

export type GapListener = (feed: string, reason: CaptureGapReason) => void;

/**
 * Where feeds report that changes may have been missed (a new connection, a dropped line, a full queue). Counted
 * for health; a reconciler subscribes to walk the affected mounts (spec vault-change-capture §1.5, §6 item 13).
 */
export class CaptureGaps {
  private readonly counts: Record<string, number> = {};
  private readonly listeners: GapListener[] = [];

  report(feed: string, reason: CaptureGapReason): void {
    const key = `${feed}:${reason}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    for (const listener of this.listeners) listener(feed, reason);
  }

  subscribe(listener: GapListener): void {
    this.listeners.push(listener);
  }

  counters(): Record<string, number> {
    return { ...this.counts };
  }
}
