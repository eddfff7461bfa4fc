import { Association, SecretRef } from '@vault-sync/domain';
import { AssociationRepository, DestinationRepository } from '@vault-sync/store';
import { VaultClient, VaultMount } from '@vault-sync/vault-client';
import { ReconcilerLogger } from '../reconciler-logger';
import { AssociationRunQueue } from './association-run-queue';
import { mapWithConcurrency } from './concurrency';
import { DecisionPolicy, SyncReason, decide } from './reconcile-decision';
import { SecretState, secretStateOf } from './secret-state';

export interface ReconcilePassDependencies {
  vault: Pick<VaultClient, 'listMounts' | 'readMetadata'>;
  destinations: Pick<DestinationRepository, 'list'>;
  associations: Pick<AssociationRepository, 'listByDestination'>;
  runs: AssociationRunQueue;
  logger: ReconcilerLogger;
}

export interface ReconcilePassSettings extends Omit<DecisionPolicy, 'nowMs'> {
  /** Metadata reads in flight against Vault at once. */
  concurrency: number;
  /** Secrets per batch; the fencing check runs before each batch's jobs are queued. */
  batchSize: number;
  now: () => number;
}

export interface PassReport {
  secrets: number;
  associations: number;
  /** Sync jobs queued, by reason. */
  synced: Record<SyncReason, number>;
  /** Lost or failed jobs added again for their recorded generation. */
  requeued: number;
  /** Secrets whose metadata could not be read (they are retried on the next pass). */
  vaultErrors: number;
  /** The fencing check failed: leadership was lost mid-pass and the rest of the pass was skipped. */
  fenced: boolean;
}

export const emptySyncCounts = (): Record<SyncReason, number> => ({ changed: 0, gone: 0, reappeared: 0, 'mount-missing': 0, retry: 0 });

/** Jobs a pass queued in all. */
export const queuedBy = (report: Pick<PassReport, 'synced' | 'requeued'>): number => Object.values(report.synced).reduce((sum, count) => sum + count, report.requeued);

interface TrackedSecret extends SecretRef {
  associations: Association[];
}

/** Every associated secret once, however many destinations it goes to. */
function groupBySecret(associations: Association[]): TrackedSecret[] {
  const secrets = new Map<string, TrackedSecret>();
  for (const association of associations) {
    const key = JSON.stringify([association.mountAccessor, association.secretPath]);
    const secret = secrets.get(key) ?? { mountAccessor: association.mountAccessor, secretPath: association.secretPath, associations: [] };
    secret.associations.push(association);
    secrets.set(key, secret);
  }
  return [...secrets.values()];
}

/**
 * One reconciliation pass (spec vault-sync-api §7.3, vault-change-capture §4.4 "hot set"): walks every secret
 * that has an association (never the whole Vault), reads its KV v2 metadata and queues a run for each
 * association whose recorded state differs from Vault's. The mount table is read once per pass, so associations
 * of a disabled mount cost no extra calls.
 */
export class ReconcilePass {
  constructor(
    private readonly deps: ReconcilePassDependencies,
    private readonly settings: ReconcilePassSettings,
  ) {}

  /** `stillLeader` is the fencing check; it is asked before every batch of enqueues. */
  async run(stillLeader: () => Promise<boolean>): Promise<PassReport> {
    const report: PassReport = { secrets: 0, associations: 0, synced: emptySyncCounts(), requeued: 0, vaultErrors: 0, fenced: false };
    const destinations = await this.deps.destinations.list();
    const associations = (await Promise.all(destinations.map((destination) => this.deps.associations.listByDestination(destination)))).flat();
    const secrets = groupBySecret(associations);
    report.secrets = secrets.length;
    report.associations = associations.length;
    if (secrets.length === 0) return report;
    const mounts = new Map((await this.deps.vault.listMounts()).map((mount) => [mount.accessor, mount]));
    for (let start = 0; start < secrets.length; start += this.settings.batchSize) {
      const batch = secrets.slice(start, start + this.settings.batchSize);
      const states = await mapWithConcurrency(batch, this.settings.concurrency, (secret) => this.observe(secret, mounts.get(secret.mountAccessor), report));
      const policy: DecisionPolicy = { ...this.settings, nowMs: this.settings.now() };
      const due = batch.flatMap((secret, i) => {
        const state = states[i];
        if (state === undefined) return [];
        return secret.associations.flatMap((association) => {
          const action = decide(association, state, policy);
          return action.kind === 'none' ? [] : [{ association, action }];
        });
      });
      if (due.length === 0) continue;
      if (!(await stillLeader())) {
        report.fenced = true;
        return report;
      }
      for (const { association, action } of due) {
        if (!(await this.deps.runs.queue(association, action, 'reconciler'))) continue;
        if (action.kind === 'sync') report.synced[action.reason] += 1;
        else report.requeued += 1;
      }
    }
    return report;
  }

  /** `undefined` when Vault could not answer: nothing is decided for that secret on this pass. */
  private async observe(secret: TrackedSecret, mount: VaultMount | undefined, report: PassReport): Promise<SecretState | undefined> {
    if (mount === undefined || !mount.isKvV2) return { kind: 'mount-missing' };
    try {
      return secretStateOf(await this.deps.vault.readMetadata(mount.path, secret.secretPath), this.settings.now());
    } catch (error) {
      report.vaultErrors += 1;
      this.deps.logger.warn(
        { mountAccessor: secret.mountAccessor, secretPath: secret.secretPath, error: error instanceof Error ? error.message : String(error) },
        'reconciler could not read secret metadata',
      );
      return undefined;
    }
  }
}
