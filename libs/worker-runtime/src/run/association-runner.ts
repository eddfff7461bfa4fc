import { randomUUID } from 'node:crypto';
import {
  Association,
  Destination,
  DestinationAdapterFactory,
  RateLimitDomain,
  SyncEvent,
  SyncOperation,
  SyncStatus,
  VaultSyncError,
  associationId,
  destinationKey,
  failureEvent,
  rollUpStatus,
} from '@vault-sync/domain';
import { AssociationJobRef, SyncJobProducer } from '@vault-sync/jobs';
import {
  AssociationNotFoundError,
  AssociationRepository,
  DestinationRepository,
  OwnershipLedgerRepository,
  RunFence,
  RunLeaseRepository,
} from '@vault-sync/store';
import type { PurgeService } from '@vault-sync/sync-service';
import { describeFailure } from '../errors/classify-error';
import { RateGovernor } from '../governor/rate-governor';
import { HeldLease, LeaseLostError } from '../lease/held-lease';
import { plannedCalls } from '../plan/sync-plan';
import { RetryPolicy, decideRetry } from '../retry/retry-policy';
import { EntryResult, PlanExecutor } from './apply-plan';
import { PreparedRun, prepareRun } from './prepare-run';
import { SecretSource } from './secret-source';
import { inFlightSubKeys, subKeyUpdates } from './sub-key-statuses';

/** The part of a pino logger the runner uses: references, classes and counts, never values. */
export interface RunLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface RunSettings {
  retry: RetryPolicy;
  /** Lease time to live; renewed at a third of it while the run works. */
  leaseTtlMs: number;
  /** Longest wait before a job whose association is busy looks again. */
  busyPollMs: number;
  random: () => number;
  now: () => Date;
}

export interface AssociationRunnerDependencies {
  associations: Pick<AssociationRepository, 'get' | 'applyEvent' | 'setSubKey' | 'removeSubKey'>;
  destinations: Pick<DestinationRepository, 'get'>;
  ledger: Pick<OwnershipLedgerRepository, 'listByDestination' | 'record' | 'forget'>;
  leases: RunLeaseRepository;
  source: SecretSource;
  governor: RateGovernor;
  adapters: DestinationAdapterFactory;
  /** Queues the repair run after a run may have written stale data (see `LeaseLostError.afterMutation`). */
  queues: Pick<SyncJobProducer, 'enqueueSync'>;
  purges: Pick<PurgeService, 'completePurgeIfDone' | 'recordUnsyncFailure'>;
  installationId: string;
  namespacePath: string;
  logger: RunLogger;
  settings: RunSettings;
}

/** What the job should do once the run returns. */
export type RunResult =
  | { kind: 'done' }
  /** Come back later: a retry (keeping the lease, so only this job resumes it), throttling, or a busy association. */
  | { kind: 'delay'; delayMs: number; keepLease: boolean }
  /** The error status is final (not retryable, or attempts spent). */
  | { kind: 'failed'; error: VaultSyncError };

const NEEDS_RUN: readonly SyncStatus[] = [SyncStatus.Pending, SyncStatus.Syncing, SyncStatus.Unsyncing, SyncStatus.Unknown];

/** A queued event or an interrupted run needs a run; an error status only the continuation of its own run. */
export function shouldRun(status: SyncStatus, continuing: boolean): boolean {
  if (status === SyncStatus.Synced || status === SyncStatus.Unsynced) return false;
  return NEEDS_RUN.includes(status) || continuing;
}

/**
 * Runs one association to the state Vault says it should have (level-triggered: the job's name and payload
 * only say which association). A job runs when a queue event is pending (PENDING), to finish a run that was
 * interrupted (in-flight status), or, from an error status, only as the continuation of the run that recorded
 * it: its lease outlives the retry backoff, so any other job finding an error status leaves it to the
 * reconciler, and CLIENT_SIDE_ERRORs never turn into retry storms.
 */
export class AssociationRunner {
  private readonly executor: PlanExecutor;

  constructor(private readonly deps: AssociationRunnerDependencies) {
    this.executor = new PlanExecutor({
      ledger: deps.ledger,
      governor: deps.governor,
      onLeftAlone: (details) => deps.logger.warn(details, 'unsync left an external object vault-sync does not own'),
    });
  }

  async run(ref: AssociationJobRef, jobId: string): Promise<RunResult> {
    const id = associationId(ref.destination, ref);
    const token = randomUUID();
    const acquired = await this.deps.leases.acquire(id, { jobId, token }, this.deps.settings.leaseTtlMs);
    if (acquired.outcome === 'busy') {
      return { kind: 'delay', delayMs: this.jitter(Math.min(acquired.retryInMs, this.deps.settings.busyPollMs)), keepLease: false };
    }
    const lease = new HeldLease(this.deps.leases, id, token, this.deps.settings.leaseTtlMs);
    let result: RunResult;
    try {
      result = await this.execute(id, acquired.outcome === 'resumed', lease);
    } catch (err) {
      lease.stop();
      if (!(err instanceof LeaseLostError)) throw err; // BullMQ retries; the same job resumes its lease
      await this.afterLeaseLost(ref, err);
      return { kind: 'done' };
    }
    if (result.kind === 'delay' && result.keepLease) await lease.keepWhileDelayed(result.delayMs);
    else await lease.release();
    return result;
  }

  private async execute(id: string, continuing: boolean, lease: HeldLease): Promise<RunResult> {
    const association = await this.deps.associations.get(id);
    if (association === undefined || !shouldRun(association.status, continuing)) return { kind: 'done' };
    const destination = await this.deps.destinations.get(association.destination);
    if (destination === undefined) return { kind: 'done' }; // deleted with its associations (force_delete)

    let prepared: PreparedRun;
    try {
      prepared = await prepareRun(this.deps, association, destination, id);
    } catch (err) {
      if (!(err instanceof VaultSyncError)) throw err;
      const started = await this.start(association, association.operation ?? 'sync', lease.fence);
      return started ? this.settleFailure(started, [err], lease.fence) : { kind: 'done' };
    }

    const domain = this.deps.adapters.rateLimitDomain(destination);
    const admission = await this.deps.governor.acquire(domain, plannedCalls(prepared.plan));
    if (!admission.granted) return { kind: 'delay', delayMs: this.jitter(admission.retryInMs), keepLease: true };

    const started = await this.start(association, prepared.operation, lease.fence);
    if (started === undefined) return { kind: 'done' }; // a newer queue event owns the status; its job runs next
    const results = await this.applyPlan(prepared, started, destination, domain, lease);
    return this.settle(started, prepared, results, lease.fence);
  }

  private async applyPlan(
    prepared: PreparedRun,
    association: Association,
    destination: Destination,
    domain: RateLimitDomain,
    lease: HeldLease,
  ): Promise<EntryResult[]> {
    const id = lease.fence.associationId;
    const inFlight = inFlightSubKeys(prepared.plan.writes, SyncStatus.Syncing, this.now());
    for (const [key, entry] of Object.entries(inFlight)) await this.deps.associations.setSubKey(id, key, entry, lease.fence);
    const adapter = this.deps.adapters.create(destination);
    try {
      return await this.executor.apply(prepared, {
        destination,
        association,
        adapter,
        domain,
        lease,
        installationId: this.deps.installationId,
        now: this.deps.settings.now,
      });
    } finally {
      await adapter.close().catch(() => undefined);
    }
  }

  /**
   * START_SYNC / START_UNSYNC for the generation read at the start of the run. A run interrupted while doing
   * the other operation (its in-flight status says so) passes through UNKNOWN first (spec §7.2).
   */
  private async start(association: Association, operation: SyncOperation, fence: RunFence): Promise<Association | undefined> {
    const id = fence.associationId;
    const options = { expectedGeneration: association.generation, fence };
    const otherInFlight = association.status === (operation === 'sync' ? SyncStatus.Unsyncing : SyncStatus.Syncing);
    if (otherInFlight && (await this.deps.associations.applyEvent(id, SyncEvent.LoseTrack, options)).outcome !== 'applied') return undefined;
    const started = await this.deps.associations.applyEvent(id, operation === 'sync' ? SyncEvent.StartSync : SyncEvent.StartUnsync, options);
    return started.outcome === 'applied' ? started.association : undefined;
  }

  private async settle(association: Association, prepared: PreparedRun, results: EntryResult[], fence: RunFence): Promise<RunResult> {
    const id = fence.associationId;
    const updates = subKeyUpdates(prepared.operation, association.subKeys, results, this.now());
    for (const [key, entry] of Object.entries(updates.set)) await this.deps.associations.setSubKey(id, key, entry, fence);
    for (const key of updates.remove) await this.deps.associations.removeSubKey(id, key, fence);

    const failures = results.flatMap((result) => (result.error === undefined ? [] : [result.error]));
    if (failures.length > 0) return this.settleFailure(association, failures, fence);

    const pathEntry = prepared.desired.length === 1 && prepared.desired[0].subKey === undefined ? prepared.desired[0] : undefined;
    const settled = await this.deps.associations.applyEvent(id, SyncEvent.Succeed, {
      expectedGeneration: association.generation,
      fence,
      ...(prepared.vaultVersion === undefined ? {} : { syncedVersion: prepared.vaultVersion }),
      ...(pathEntry === undefined ? {} : { externalName: pathEntry.externalName }),
    });
    if (prepared.rewriteMark !== undefined && settled.outcome !== 'superseded') await this.deps.leases.clearRewriteMark(id, prepared.rewriteMark, fence);
    this.deps.logger.info({ association: id, operation: prepared.operation, outcome: settled.outcome, objects: results.length }, 'association run finished');
    if (settled.outcome === 'removed') {
      const progress = await this.deps.purges.completePurgeIfDone(association.destination);
      if (progress === 'deleted') this.deps.logger.info({ destination: destinationKey(association.destination) }, 'purge finished: destination deleted');
    }
    return { kind: 'done' };
  }

  /**
   * Records the most severe failure as the association's status and last error, then retries while any
   * failure is retryable and attempts remain (never sooner than a destination's Retry-After).
   */
  private async settleFailure(association: Association, failures: VaultSyncError[], fence: RunFence): Promise<RunResult> {
    const worst = rollUpStatus(failures.map((failure) => failure.failureClass));
    const reported = failures.find((failure) => failure.failureClass === worst) ?? failures[0];
    const recorded = await this.deps.associations.applyEvent(fence.associationId, failureEvent(reported.failureClass), {
      expectedGeneration: association.generation,
      fence,
      error: reported.toRecord(),
    });
    if (recorded.outcome === 'superseded') return { kind: 'done' };
    const retryable = failures.filter((failure) => failure.retryable);
    const deciding = retryable.sort((a, b) => (b.retryAfterMs ?? 0) - (a.retryAfterMs ?? 0))[0] ?? reported;
    const decision = decideRetry(deciding, recorded.association.attempts, this.deps.settings.retry, this.deps.settings.random);
    const details = { association: fence.associationId, attempts: recorded.association.attempts, failures: failures.length, ...describeFailure(reported) };
    if (decision.kind === 'retry') {
      this.deps.logger.warn({ ...details, retryInMs: decision.delayMs }, 'association run failed; retrying');
      return { kind: 'delay', delayMs: decision.delayMs, keepLease: true };
    }
    this.deps.logger.warn(details, 'association run failed; status is final');
    if (association.removeWhenUnsynced) await this.deps.purges.recordUnsyncFailure(association.destination, association, reported.message);
    return { kind: 'failed', error: reported };
  }

  /**
   * The run's lease was lost. Before any destination change nothing is wrong: the run that took over does the
   * work. After one, the destination may hold older data than the ledger records: mark the association for a
   * full rewrite and queue a run, which waits for the current holder and then rewrites everything.
   */
  private async afterLeaseLost(ref: AssociationJobRef, err: LeaseLostError): Promise<void> {
    this.deps.logger.warn({ association: err.associationId, afterMutation: err.afterMutation }, 'association run lost its lease');
    if (!err.afterMutation) return;
    await this.deps.leases.markForRewrite(err.associationId);
    try {
      const { association } = await this.deps.associations.applyEvent(err.associationId, SyncEvent.QueueSync);
      await this.deps.queues.enqueueSync(ref, association.generation, 'retry');
    } catch (error) {
      if (!(error instanceof AssociationNotFoundError)) throw error;
    }
  }

  private jitter(delayMs: number): number {
    return delayMs + Math.floor(this.deps.settings.random() * Math.min(1_000, delayMs / 10 + 50));
  }

  private now(): string {
    return this.deps.settings.now().toISOString();
  }
}
