import { MetadataReconciler, MetadataReconcilerOptions } from '@vault-sync/reconciler';
import { CaptureGaps } from './capture-gaps';
import { ChangeFeed } from './change-feed';

/**
 * The metadata poller / reconciler as a feed: it runs on the elected leader replica only, every
 * SYNC_RECONCILE_INTERVAL and at once whenever another feed reports a gap.
 */
export class PollerChangeFeed implements ChangeFeed {
  readonly name = 'poller';
  private reconciler: MetadataReconciler | undefined;
  private last: Record<string, number> = {};

  constructor(
    private readonly options: MetadataReconcilerOptions,
    gaps: CaptureGaps,
  ) {
    gaps.subscribe(() => this.reconciler?.requestPass());
  }

  async start(): Promise<void> {
    this.reconciler = MetadataReconciler.start(this.options);
  }

  async stop(): Promise<void> {
    const reconciler = this.reconciler;
    this.reconciler = undefined;
    await reconciler?.close();
    if (reconciler) this.last = this.countersOf(reconciler);
  }

  counters(): Record<string, number> {
    return this.reconciler ? this.countersOf(this.reconciler) : this.last;
  }

  private countersOf(reconciler: MetadataReconciler): Record<string, number> {
    const stats = reconciler.stats();
    return { leader: reconciler.isLeader() ? 1 : 0, passes: stats.passes, fencedPasses: stats.fencedPasses, failedPasses: stats.failedPasses, requeued: stats.requeued };
  }
}
