import { AssociationRepository, DestinationRepository } from '@vault-sync/store';
import { SyncJobProducer } from '@vault-sync/jobs';
import { VaultClient } from '@vault-sync/vault-client';
import { Redis } from 'ioredis';
import { LeaderElection } from './leader/leader-election';
import { RedisLeaderLock } from './leader/leader-lock';
import { AssociationRunQueue } from './reconcile/association-run-queue';
import { jitteredDelay } from './reconcile/jitter';
import { PassReport, ReconcilePass, emptySyncCounts, queuedBy } from './reconcile/reconcile-pass';
import { ReconcilerLogger } from './reconciler-logger';

export interface MetadataReconcilerOptions {
  /** For the leader lock; a fail-fast connection is right (a failed renewal is retried). */
  redis: Redis;
  /** SYNC_KEY_PREFIX. */
  keyPrefix: string;
  vault: Pick<VaultClient, 'listMounts' | 'readMetadata'>;
  destinations: Pick<DestinationRepository, 'list'>;
  associations: Pick<AssociationRepository, 'listByDestination' | 'applyEvent'>;
  queues: Pick<SyncJobProducer, 'enqueueSync' | 'enqueueUnsync'>;
  logger: ReconcilerLogger;
  /** SYNC_RECONCILE_INTERVAL: time between passes (default 30 s). */
  intervalMs?: number;
  /** Spread of the interval, as a fraction of it (default 0.2: ±10 %). */
  jitter?: number;
  /** Metadata reads in flight against Vault at once (default 8). */
  concurrency?: number;
  /** Secrets per fencing check (default 100). */
  batchSize?: number;
  /** Leader lease lifetime (default 15 s); renewed every third of it. */
  leaseTtlMs?: number;
  /** See `DecisionPolicy` (defaults 5 min and 10 min). */
  errorRetryAfterMs?: number;
  pendingStaleAfterMs?: number;
  now?: () => number;
  random?: () => number;
}

export interface ReconcilerStats {
  passes: number;
  /** Passes cut short by the fencing check. */
  fencedPasses: number;
  failedPasses: number;
  synced: PassReport['synced'];
  requeued: number;
  lastReport?: PassReport;
}

export const DEFAULT_RECONCILE_INTERVAL_MS = 30_000;

/**
 * The safety net behind the change feeds (spec vault-change-capture §4, vault-sync-api §7.3): on every replica
 * it campaigns for leadership, and only the leader runs a {@link ReconcilePass} every interval (jittered), at once
 * when elected, and on {@link requestPass} (a feed gap). Passes never overlap; each one is fenced by the lease.
 */
export class MetadataReconciler {
  private readonly election: LeaderElection;
  private readonly pass: ReconcilePass;
  private readonly statistics: ReconcilerStats = { passes: 0, fencedPasses: 0, failedPasses: 0, synced: emptySyncCounts(), requeued: 0 };
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private passRequested = false;
  private stopped = false;

  private constructor(private readonly options: MetadataReconcilerOptions) {
    this.intervalMs = options.intervalMs ?? DEFAULT_RECONCILE_INTERVAL_MS;
    const now = options.now ?? Date.now;
    this.pass = new ReconcilePass(
      { ...options, runs: new AssociationRunQueue(options) },
      {
        concurrency: options.concurrency ?? 8,
        batchSize: options.batchSize ?? 100,
        errorRetryAfterMs: options.errorRetryAfterMs ?? 5 * 60_000,
        pendingStaleAfterMs: options.pendingStaleAfterMs ?? 10 * 60_000,
        now,
      },
    );
    const lock = new RedisLeaderLock({ redis: options.redis, keyPrefix: options.keyPrefix, name: 'reconciler', ttlMs: options.leaseTtlMs ?? 15_000 });
    this.election = new LeaderElection({ lock, logger: options.logger, now, onElected: () => this.requestPass() });
  }

  static start(options: MetadataReconcilerOptions): MetadataReconciler {
    const reconciler = new MetadataReconciler(options);
    reconciler.election.start();
    reconciler.schedule();
    options.logger.info({ intervalMs: reconciler.intervalMs }, 'metadata reconciler started');
    return reconciler;
  }

  /** Runs a pass as soon as possible if this replica leads (after the running one, if any). */
  requestPass(): void {
    this.passRequested = true;
    if (!this.running) this.schedule(0);
  }

  isLeader(): boolean {
    return this.election.lease !== undefined;
  }

  stats(): ReconcilerStats {
    return { ...this.statistics, synced: { ...this.statistics.synced } };
  }

  /** Waits for a running pass, then releases leadership so another replica takes over at once. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.election.stop();
  }

  private schedule(delayMs = jitteredDelay(this.intervalMs, this.options.jitter ?? 0.2, this.options.random ?? Math.random)): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    const lease = this.election.lease;
    this.passRequested = false;
    if (!lease) return this.schedule();
    this.running = this.pass
      .run(() => this.election.isCurrent(lease))
      .then((report) => this.record(report, lease.token))
      .catch((error: unknown) => {
        this.statistics.failedPasses += 1;
        this.options.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'reconcile pass failed');
      })
      .finally(() => {
        this.running = undefined;
        this.schedule(this.passRequested ? 0 : undefined);
      });
  }

  private record(report: PassReport, fencingToken: number): void {
    const stats = this.statistics;
    stats.passes += 1;
    if (report.fenced) stats.fencedPasses += 1;
    for (const reason of Object.keys(report.synced) as (keyof PassReport['synced'])[]) stats.synced[reason] += report.synced[reason];
    stats.requeued += report.requeued;
    stats.lastReport = report;
    if (queuedBy(report) === 0 && !report.fenced && report.vaultErrors === 0) return;
    const level = report.fenced || report.vaultErrors > 0 ? 'warn' : 'info';
    this.options.logger[level]({ fencingToken, ...report }, report.fenced ? 'reconcile pass stopped: leadership lost' : 'reconcile pass finished');
  }
}
