import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Association, DestinationOptions, DestinationRef, SyncEvent, associationId } from '@vault-sync/domain';
import { JobLogger, SyncJobProducer } from '@vault-sync/jobs';
import {
  AssociationRepository,
  CredentialCipher,
  DestinationRepository,
  GlobalConfigRepository,
  OwnershipLedgerRepository,
  closeRedisConnection,
  connectRedis,
} from '@vault-sync/store';
import { PurgeService, QueueCapacityGuard } from '@vault-sync/sync-service';
import { VaultClient } from '@vault-sync/vault-client';
import { Redis } from 'ioredis';
import { WorkerRuntime, WorkerRuntimeOptions, createWorkerRuntime } from '../service/worker-runtime';

/** Log lines a test can search, e.g. for a secret value that must never appear. */
export class CapturingLogger implements JobLogger {
  readonly lines: string[] = [];
  info = (details: object, message: string) => void this.lines.push(JSON.stringify({ level: 'info', message, ...details }));
  warn = (details: object, message: string) => void this.lines.push(JSON.stringify({ level: 'warn', message, ...details }));
  error = (details: object, message: string) => void this.lines.push(JSON.stringify({ level: 'error', message, ...details }));
}

export interface HarnessOptions {
  redisUrl: string;
  prefix: string;
  vaultUrl: string;
  vaultToken: string;
}

/**
 * The world around the runtime in integration tests: store repositories on a unique prefix, a producer, a
 * Vault (emulator) with a KV v2 mount at `secret/`, and workers started on demand, all closed by `close()`.
 */
export class WorkerHarness {
  readonly encryptionKey = randomBytes(32);
  readonly cipher = new CredentialCipher(this.encryptionKey);
  readonly logger = new CapturingLogger();
  readonly destinations: DestinationRepository;
  readonly associations: AssociationRepository;
  readonly ledger: OwnershipLedgerRepository;
  readonly producer: SyncJobProducer;
  readonly purges: PurgeService;
  readonly vault: VaultClient;
  private readonly workers: WorkerRuntime[] = [];
  private readonly connections: Redis[] = [];

  private constructor(
    readonly options: HarnessOptions,
    readonly redis: Redis,
    readonly accessor: string,
    vault: VaultClient,
  ) {
    const ctx = { redis, prefix: options.prefix };
    this.destinations = new DestinationRepository(ctx, this.cipher);
    this.associations = new AssociationRepository(ctx);
    this.ledger = new OwnershipLedgerRepository(ctx);
    this.producer = new SyncJobProducer({ connection: redis, keyPrefix: options.prefix, onError: () => undefined });
    const capacity = new QueueCapacityGuard(new GlobalConfigRepository(ctx), this.producer);
    this.purges = new PurgeService({ destinations: this.destinations, associations: this.associations, queues: this.producer, capacity });
    this.vault = vault;
    this.connections.push(redis);
  }

  static async create(options: HarnessOptions): Promise<WorkerHarness> {
    const redis = await connectRedis({ url: options.redisUrl, flavour: 'worker', onError: () => undefined });
    const vault = VaultClient.create({ address: options.vaultUrl, auth: { method: 'token', token: options.vaultToken } });
    const mount = (await vault.listMounts()).find((candidate) => candidate.path === 'secret/');
    if (mount === undefined) throw new Error('the Vault emulator has no secret/ mount');
    return new WorkerHarness(options, redis, mount.accessor, vault);
  }

  /** A worker on its own connection, as another replica would have. */
  async startWorker(overrides: Partial<WorkerRuntimeOptions> & Pick<WorkerRuntimeOptions, 'adapters'>): Promise<WorkerRuntime> {
    const redis = await connectRedis({ url: this.options.redisUrl, flavour: 'worker', onError: () => undefined });
    this.connections.push(redis);
    const worker = await createWorkerRuntime({
      redis,
      keyPrefix: this.options.prefix,
      cipher: this.cipher,
      vault: this.vault,
      concurrency: 4,
      logger: this.logger,
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
      busyPollMs: 50,
      ...overrides,
    });
    this.workers.push(worker);
    return worker;
  }

  async createDestination(ref: DestinationRef, options: Partial<DestinationOptions> = {}, credentials: Record<string, string> = {}): Promise<void> {
    await this.destinations.create({
      ...ref,
      connection: {},
      credentials,
      options: {
        granularity: ref.type === 'gh' ? 'secret-key' : 'secret-path',
        secretNameTemplate: ref.type === 'gh' ? 'VAULT_{{ .SecretPath | uppercase }}_{{ .SecretKey | uppercase }}' : 'vault/{{ .SecretPath }}',
        customTags: {},
        adoptExisting: false,
        ...options,
      },
    });
  }

  /** `associations/set` as the API does it: record, then queue. */
  async associate(destination: DestinationRef, secretPath: string): Promise<string> {
    const { association } = await this.associations.set({ destination, mountAccessor: this.accessor, secretPath, mountPath: 'secret' });
    await this.producer.enqueueSync(jobRef(association), association.generation, 'api');
    return associationId(destination, association);
  }

  /** What the change fan-out does on a Vault write: a queue event, then the job. */
  async queueSync(id: string, observedVersion?: number): Promise<void> {
    const { association } = await this.associations.applyEvent(id, SyncEvent.QueueSync);
    await this.producer.enqueueSync(jobRef(association), association.generation, 'audit-device', observedVersion);
  }

  async queueRemoval(id: string): Promise<void> {
    const { association } = await this.associations.applyEvent(id, SyncEvent.QueueUnsync, { removeWhenUnsynced: true });
    await this.producer.enqueueUnsync(jobRef(association), association.generation, true, 'api');
  }

  async writeSecret(path: string, data: Record<string, unknown>): Promise<number> {
    const body = (await this.vaultCall('POST', `secret/data/${path}`, { data })) as { data: { version: number } };
    return body.data.version;
  }

  async deleteSecret(path: string): Promise<void> {
    await this.vaultCall('DELETE', `secret/data/${path}`);
  }

  async association(id: string): Promise<Association | undefined> {
    return this.associations.get(id);
  }

  /** Polls until `check` holds (or throws after `timeoutMs`), returning its last value. */
  async until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (check(value)) return value;
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
      await sleep(25);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close(1_000)));
    await this.producer.close();
    this.vault.close();
    for (const redis of this.connections) await closeRedisConnection(redis);
  }

  private async vaultCall(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.options.vaultUrl}/v1/${path}`, {
      method,
      headers: { 'X-Vault-Token': this.options.vaultToken, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`Vault ${method} ${path} answered ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  }
}

function jobRef(association: Association) {
  return {
    destination: { type: association.destination.type, name: association.destination.name },
    mountAccessor: association.mountAccessor,
    secretPath: association.secretPath,
  };
}
