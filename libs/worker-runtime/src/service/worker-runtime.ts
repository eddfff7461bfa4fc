import { DestinationAdapterFactory } from '@vault-sync/domain';
import { JobLogger, SyncJobProducer, createSyncWorker } from '@vault-sync/jobs';
import {
  AssociationRepository,
  CredentialCipher,
  DestinationRepository,
  GlobalConfigRepository,
  InstallationRepository,
  OwnershipLedgerRepository,
  RunLeaseRepository,
} from '@vault-sync/store';
import { PurgeService, QueueCapacityGuard } from '@vault-sync/sync-service';
import { VaultClient } from '@vault-sync/vault-client';
import { Redis } from 'ioredis';
import { AdaptiveRateOptions, RateGovernor } from '../governor/rate-governor';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from '../retry/retry-policy';
import { AssociationRunner } from '../run/association-runner';
import { createSyncJobHandlers } from '../run/job-handlers';
import { SecretSource } from '../run/secret-source';

export interface WorkerRuntimeOptions {
  adapters: DestinationAdapterFactory;
  /** A worker-flavoured connection (`maxRetriesPerRequest: null`), for the store, the governor and BullMQ. */
  redis: Redis;
  /** SYNC_KEY_PREFIX. */
  keyPrefix: string;
  /** Decrypts destination credentials, which exist in clear only inside this process. */
  cipher: CredentialCipher;
  vault: Pick<VaultClient, 'mountByAccessor' | 'readSecret'>;
  /** VAULT_NAMESPACE, for the `Namespace*` template variables. */
  namespacePath?: string;
  concurrency: number;
  logger: JobLogger;
  retry?: Partial<RetryPolicy>;
  adaptiveRate?: AdaptiveRateOptions;
  /** Default 30 s: renewed every 10 s, so only a run stalled for 30 s loses it. */
  leaseTtlMs?: number;
  /** Default 2 s. */
  busyPollMs?: number;
  random?: () => number;
  now?: () => Date;
}

export interface WorkerRuntime {
  readonly queueName: string;
  /** Stops taking jobs, lets running ones finish for up to `timeoutMs`, then abandons them (they run again elsewhere). */
  close(timeoutMs: number): Promise<'drained' | 'timed-out'>;
}

/** Wires the runner to a BullMQ worker on the factory's queue; the caller owns (and closes) the connections. */
export async function createWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const ctx = { redis: options.redis, prefix: options.keyPrefix };
  const associations = new AssociationRepository(ctx);
  const destinations = new DestinationRepository(ctx, options.cipher);
  const queues = new SyncJobProducer({
    connection: options.redis,
    keyPrefix: options.keyPrefix,
    onError: (err) => options.logger.warn({ reason: err.message }, 'queue connection problem'),
  });
  const purges = new PurgeService({
    destinations,
    associations,
    queues,
    capacity: new QueueCapacityGuard(new GlobalConfigRepository(ctx), queues),
  });
  const runner = new AssociationRunner({
    associations,
    destinations,
    ledger: new OwnershipLedgerRepository(ctx),
    leases: new RunLeaseRepository(ctx),
    source: new SecretSource(options.vault),
    governor: new RateGovernor(options.redis, options.keyPrefix, options.adaptiveRate),
    adapters: options.adapters,
    queues,
    purges,
    installationId: await new InstallationRepository(ctx).id(),
    namespacePath: options.namespacePath ?? '',
    logger: options.logger,
    settings: {
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      leaseTtlMs: options.leaseTtlMs ?? 30_000,
      busyPollMs: options.busyPollMs ?? 2_000,
      random: options.random ?? Math.random,
      now: options.now ?? (() => new Date()),
    },
  });
  const worker = createSyncWorker(options.adapters.kind, createSyncJobHandlers(runner, purges, options.logger), {
    connection: options.redis,
    keyPrefix: options.keyPrefix,
    concurrency: options.concurrency,
    logger: options.logger,
  });
  return {
    queueName: worker.queueName,
    close: async (timeoutMs) => {
      const outcome = await worker.close({ timeoutMs });
      await queues.close();
      return outcome;
    },
  };
}
