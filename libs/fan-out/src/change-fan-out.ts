import { ChangeDeduplicator, ChangeHandler, ObservedChange, ObservedMountChange } from '@vault-sync/change-capture';
import { Association } from '@vault-sync/domain';
import { JobTrigger, SyncJobProducer } from '@vault-sync/jobs';
import { AssociationRepository, DestinationRepository } from '@vault-sync/store';
import { queueAssociationSync } from '@vault-sync/sync-service';
import { MountChangeScope, mountChangeScope, sameMountPath } from './mount-change-scope';
import { RequestClaims } from './request-claims';
import { SecretChangeNotice } from './secret-change-notice';

/** The mount table as the ingest knows it (backed by the Vault client's cache). */
export interface MountDirectory {
  /** The accessor of the mount at exactly `mountPath`, as last known (before a refresh forgets a disabled one). */
  accessorAt(mountPath: string): Promise<string | undefined>;
  /** Re-reads the mount table. */
  refresh(): Promise<void>;
}

/** The part of a pino logger fan-out uses: references, counts and reasons, never entry bodies or values. */
export interface FanOutLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface FanOutDependencies {
  associations: Pick<AssociationRepository, 'findBySecret' | 'listByDestination' | 'applyEvent'>;
  destinations: Pick<DestinationRepository, 'list'>;
  queues: Pick<SyncJobProducer, 'enqueueSync'>;
  mounts: MountDirectory;
  logger: FanOutLogger;
  /** Dedupe across replicas; without it, only this process's feeds are deduplicated. */
  claims?: RequestClaims;
  /** Dedupe across this process's feeds (default: a fresh one). */
  deduplicator?: ChangeDeduplicator;
}

export interface FanOutCounters {
  /** Changes handed in, before dedupe. */
  received: number;
  /** Changes another feed or replica had already handled. */
  duplicates: number;
  /** Changes merged into one still waiting for the same secret. */
  coalesced: number;
  /** Changes dropped because too many secrets were waiting; the reconciler covers them. */
  dropped: number;
  /** Fan-outs that failed (Redis unreachable); the reconciler covers them. */
  failed: number;
  /** Secret fan-outs (and webhook notices) whose secret has no association. */
  unassociated: number;
  /** Sync jobs queued (a job that coalesced into a waiting one counts too). */
  queued: number;
  /** Changes whose handling has finished, whatever the outcome: `received - completed` are still waiting. */
  completed: number;
}

type Work =
  | { kind: 'secret'; notice: SecretChangeNotice; changes: number }
  | { kind: 'mount'; change: ObservedMountChange; trigger: JobTrigger };

/** Distinct secrets waiting at most; beyond that new ones are dropped (the queue in front is bounded too). */
const DEFAULT_MAX_WAITING = 100_000;

/**
 * Observed change → one sync job per affected association, on that destination kind's queue.
 *
 * Every secret operation (write, patch, delete, undelete, destroy, metadata write or delete) queues a *sync*:
 * the worker reads the secret's latest state when it runs and writes it, or unsyncs when the current version
 * is deleted, destroyed or gone (spec vault-sync-api §7.4 is about that state, not the operation). Reasons:
 * audit entries from different Vault nodes arrive in no particular order (change-capture §6 item 4), a
 * `delete/` of old versions looks like one of the current version (the versions are HMAC'd, §3.1), and one job
 * key per association makes a burst of any mix of operations coalesce into one run that ends in the final state.
 *
 * Changes are coalesced per secret before that (spec change-capture §6 item 5, debounce per key): while a
 * secret waits to be fanned out, further changes to it merge into the waiting one, so a burst of writes costs
 * a few fan-outs, not one per write. Fan-outs run one at a time, in arrival order of their first change.
 */
export class ChangeFanOut {
  readonly counters: FanOutCounters = { received: 0, duplicates: 0, coalesced: 0, dropped: 0, failed: 0, unassociated: 0, queued: 0, completed: 0 };
  private readonly deduplicator: ChangeDeduplicator;
  private readonly waiting = new Map<string, Work>();
  private readonly maxWaiting: number;
  private mountSequence = 0;
  private draining: Promise<void> | undefined;
  private overflowing = false;

  constructor(private readonly deps: FanOutDependencies & { maxWaiting?: number }) {
    this.deduplicator = deps.deduplicator ?? new ChangeDeduplicator();
    this.maxWaiting = deps.maxWaiting ?? DEFAULT_MAX_WAITING;
  }

  /** The handler to give every feed of one trigger kind; all handlers share the dedupe and the coalescing. */
  handlerFor(trigger: JobTrigger): ChangeHandler {
    return (change) => this.handle(change, trigger);
  }

  /** Takes a change in (deduplicated, then coalesced); it is fanned out in the background (see {@link idle}). */
  async handle(change: ObservedChange, trigger: JobTrigger): Promise<void> {
    this.counters.received += 1;
    let duplicate: boolean;
    try {
      duplicate = !this.deduplicator.isFirstSighting(change) || (this.deps.claims !== undefined && !(await this.deps.claims.claim(change.requestId)));
    } catch (error) {
      this.counters.completed += 1;
      throw error;
    }
    if (duplicate) {
      this.counters.duplicates += 1;
      this.counters.completed += 1;
      return;
    }
    if (change.kind === 'mount') {
      this.accept(`mount:${(this.mountSequence += 1)}`, { kind: 'mount', change, trigger });
      return;
    }
    const { mountAccessor, secretPath, observedVersion } = change;
    const notice: SecretChangeNotice = { mountAccessor, secretPath, trigger, ...(observedVersion ? { observedVersion } : {}) };
    this.accept(JSON.stringify(['secret', mountAccessor, secretPath]), { kind: 'secret', notice, changes: 1 });
  }

  /** Resolves once every change taken in has been fanned out. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Queues a sync for every association of the secret. @returns the number of jobs queued. */
  async notifySecret(notice: SecretChangeNotice): Promise<number> {
    const associations = await this.deps.associations.findBySecret(notice);
    if (associations.length === 0) this.counters.unassociated += 1;
    const queued = await this.queueAll(associations, notice.trigger, notice.observedVersion);
    this.deps.logger.debug({ mountAccessor: notice.mountAccessor, secretPath: notice.secretPath, trigger: notice.trigger, queued }, 'secret change fanned out');
    return queued;
  }

  private accept(key: string, work: Work): void {
    const existing = this.waiting.get(key);
    if (existing?.kind === 'secret' && work.kind === 'secret') {
      existing.changes += 1;
      const versions = [existing.notice.observedVersion, work.notice.observedVersion].filter((version): version is number => version !== undefined);
      if (versions.length > 0) existing.notice.observedVersion = Math.max(...versions);
      this.counters.coalesced += 1;
    } else if (this.waiting.size >= this.maxWaiting) {
      this.counters.dropped += 1;
      this.counters.completed += 1;
      if (!this.overflowing) this.deps.logger.warn({ waiting: this.waiting.size }, 'too many changes waiting: dropping new ones until the backlog clears');
      this.overflowing = true;
      return;
    } else {
      this.waiting.set(key, work);
    }
    this.startDraining();
  }

  private startDraining(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      // Work accepted after the loop saw the map empty, but before this callback ran.
      if (this.waiting.size > 0) this.startDraining();
    });
  }

  private async drain(): Promise<void> {
    for (let next = this.takeNext(); next; next = this.takeNext()) {
      try {
        if (next.kind === 'secret') await this.notifySecret(next.notice);
        else await this.onMountChange(next.change, next.trigger);
      } catch (error) {
        this.counters.failed += 1;
        this.deps.logger.warn({ reason: errorMessage(error) }, 'change not fanned out');
      } finally {
        this.counters.completed += next.kind === 'secret' ? next.changes : 1;
      }
    }
    this.overflowing = false;
  }

  /** The oldest waiting work: Map iteration is insertion order. */
  private takeNext(): Work | undefined {
    const first = this.waiting.entries().next();
    if (first.done) return undefined;
    this.waiting.delete(first.value[0]);
    return first.value[1];
  }

  private async onMountChange(change: ObservedMountChange, trigger: JobTrigger): Promise<number> {
    const scope = mountChangeScope(change);
    // Read before the refresh: once refreshed, a disabled mount's accessor is gone from the table.
    const accessor = scope.kind === 'mount' ? await this.deps.mounts.accessorAt(scope.mountPath).catch(() => undefined) : undefined;
    await this.deps.mounts.refresh().catch((error: unknown) => this.deps.logger.warn({ reason: errorMessage(error) }, 'mount table refresh failed'));
    if (scope.kind === 'mount-table') return 0;
    const affected = (await this.allAssociations()).filter((association) => isAffected(association, scope, accessor));
    const queued = await this.queueAll(affected, trigger);
    this.deps.logger.info({ operation: change.operation, target: change.target, queued }, 'mount change: associations re-queued');
    return queued;
  }

  private async allAssociations(): Promise<Association[]> {
    const destinations = await this.deps.destinations.list();
    const perDestination = await Promise.all(destinations.map((destination) => this.deps.associations.listByDestination(destination)));
    return perDestination.flat();
  }

  private async queueAll(associations: Association[], trigger: JobTrigger, observedVersion?: number): Promise<number> {
    let queued = 0;
    for (const association of associations) {
      if (await queueAssociationSync(this.deps, association, trigger, observedVersion)) queued += 1;
    }
    this.counters.queued += queued;
    return queued;
  }
}

function isAffected(association: Association, scope: MountChangeScope, accessor: string | undefined): boolean {
  if (scope.kind !== 'mount') return true;
  return association.mountAccessor === accessor || sameMountPath(association.mountPath, scope.mountPath);
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
