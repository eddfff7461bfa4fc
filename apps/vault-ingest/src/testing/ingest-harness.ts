import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { AppConfig, IngestFeed, loadConfig } from '@vault-sync/config';
import { DestinationRef, SecretRef } from '@vault-sync/domain';
import { JobName, PayloadOf, SyncJobProducer, SyncWorker, createSyncWorker } from '@vault-sync/jobs';
import { createLogger } from '@vault-sync/logging';
import { AssociationRepository, CredentialCipher, DestinationRepository, closeRedisConnection, connectRedis } from '@vault-sync/store';
import { startIngest } from '../ingest';

/**
 * Test support for the ingest int-specs (kept out of `*.spec` files so the three of them share it): a real
 * ingest service on the test Redis and a Vault emulator, destinations and associations in the store, and
 * workers that only record the jobs they are given.
 */
export interface HarnessOptions {
  redisUrl: string;
  /** The test's unique key prefix. */
  keyPrefix: string;
  vaultAddr: string;
  vaultToken: string;
  dataDir: string;
  feeds: IngestFeed[];
  auditFile?: string;
  webhookToken?: string;
  /** Where the service logs (all levels); discarded when omitted. */
  logs?: DestinationStream;
}

export interface RecordedRun {
  name: JobName;
  payload: PayloadOf<typeof JobName.SyncAssociation> | PayloadOf<typeof JobName.UnsyncAssociation> | PayloadOf<typeof JobName.PurgeDestination>;
}

const SILENT: DestinationStream = { write: () => undefined };

export async function startHarness(options: HarnessOptions) {
  const key = randomBytes(32);
  const base = loadConfig({
    VAULT_ADDR: options.vaultAddr,
    VAULT_TOKEN: options.vaultToken,
    SYNC_ENCRYPTION_KEY: key.toString('base64'),
    SYNC_DATA_DIR: options.dataDir,
    SYNC_FEEDS: options.feeds.join(','),
    ...(options.auditFile ? { SYNC_AUDIT_FILE: options.auditFile } : {}),
    ...(options.webhookToken ? { SYNC_WEBHOOK_TOKEN: options.webhookToken } : {}),
  });
  // Ports 0: free ones; the prefix is longer than SYNC_KEY_PREFIX allows, so it is set after validation.
  const config: AppConfig = {
    ...base,
    redis: { url: options.redisUrl, keyPrefix: options.keyPrefix },
    ingest: { ...base.ingest, auditSocket: { host: '127.0.0.1', port: 0 }, httpPort: 0 },
  };
  const logger = createLogger({ service: 'vault-ingest-test', level: 'debug', destination: options.logs ?? SILENT });
  const ingest = await startIngest(config, logger, { host: '127.0.0.1' });

  const onError = (error: Error) => logger.error({ reason: error.message }, 'test redis error');
  const storeConnection = await connectRedis({ url: options.redisUrl, flavour: 'fail-fast', onError });
  const store = { redis: storeConnection, prefix: options.keyPrefix };
  const associations = new AssociationRepository(store);
  const destinations = new DestinationRepository(store, new CredentialCipher(key));
  const producer = new SyncJobProducer({ connection: storeConnection, keyPrefix: options.keyPrefix, onError });
  const runs: RecordedRun[] = [];
  const workers: SyncWorker[] = [];
  let workerConnection: Awaited<ReturnType<typeof connectRedis>> | undefined;

  return {
    ingest,
    associations,
    runs,
    /** The port the audit socket feed listens on. */
    socketPort(): number {
      const feed = ingest.runtime.feeds.find((candidate) => candidate.name === 'audit-socket') as { address?: { port: number } } | undefined;
      if (!feed?.address) throw new Error('no audit socket feed is running');
      return feed.address.port;
    },
    async associate(destination: DestinationRef, secret: SecretRef & { mountPath: string }): Promise<void> {
      if (!(await destinations.getMasked(destination))) {
        await destinations.create({
          ...destination,
          connection: {},
          credentials: { token: 'not-used' },
          options: { granularity: 'secret-path', secretNameTemplate: '{{ .SecretPath }}', customTags: {}, adoptExisting: false },
        });
      }
      await associations.set({ destination, ...secret });
    },
    /** Workers for the given kinds that record every job and do nothing else (or what `onSync` does). */
    async startRecordingWorkers(kinds: DestinationRef['type'][], onSync?: (payload: PayloadOf<typeof JobName.SyncAssociation>) => Promise<void>): Promise<void> {
      workerConnection ??= await connectRedis({ url: options.redisUrl, flavour: 'worker', onError });
      for (const kind of kinds) {
        const record = (name: JobName) => async (payload: RecordedRun['payload']) => void runs.push({ name, payload });
        workers.push(
          createSyncWorker(
            kind,
            {
              SyncAssociation: async (payload) => {
                await onSync?.(payload);
                runs.push({ name: JobName.SyncAssociation, payload });
              },
              UnsyncAssociation: record(JobName.UnsyncAssociation),
              PurgeDestination: record(JobName.PurgeDestination),
            },
            { connection: workerConnection, keyPrefix: options.keyPrefix, logger },
          ),
        );
      }
    },
    /** Jobs waiting or running, over every queue. */
    pendingJobs: () => producer.pendingCount(),
    /** Resolves once every change the audit feeds classified has been fanned out. */
    async settled(): Promise<void> {
      const { runtime } = ingest;
      await waitUntil(() => {
        const classified = runtime.feeds.reduce((sum, feed) => sum + (feed.counters()['changes'] ?? 0) - (feed.counters()['dropped'] ?? 0), 0);
        return runtime.fanOut.counters.completed >= classified && runtime.fanOut.counters.received === runtime.fanOut.counters.completed;
      });
    },
    async close(): Promise<void> {
      await Promise.all(workers.splice(0).map((worker) => worker.close()));
      await ingest.close();
      if (workerConnection) await closeRedisConnection(workerConnection);
      await producer.close();
      await closeRedisConnection(storeConnection);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** KV v2 calls as a Vault client makes them, with the emulator's root token. */
export function kvClient(vaultAddr: string, token: string, mount = 'secret') {
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${vaultAddr}/v1/${mount}/${path}`, {
      method,
      headers: { 'X-Vault-Token': token, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${mount}/${path}: HTTP ${response.status}`);
    return response.status === 204 ? undefined : ((await response.json()) as { data?: Record<string, unknown> });
  };
  return {
    write: async (path: string, data: Record<string, string>) => (await call('POST', `data/${path}`, { data }))?.data?.['version'] as number,
    patch: async (path: string, data: Record<string, string>) =>
      (await call('PATCH', `data/${path}`, { data }, 'application/merge-patch+json'))?.data?.['version'] as number,
    delete: (path: string) => call('DELETE', `data/${path}`),
    undelete: (path: string, versions: number[]) => call('POST', `undelete/${path}`, { versions }),
    destroy: (path: string, versions: number[]) => call('POST', `destroy/${path}`, { versions }),
    deleteMetadata: (path: string) => call('DELETE', `metadata/${path}`),
    readVersion: async (path: string) => ((await call('GET', `data/${path}`))?.data?.['metadata'] as { version: number }).version,
    accessor: async () => {
      const response = await fetch(`${vaultAddr}/v1/sys/mounts`, { headers: { 'X-Vault-Token': token } });
      return ((await response.json()) as { data: Record<string, { accessor: string }> }).data[`${mount}/`]?.accessor as string;
    },
    enableAudit: async (name: string, type: 'socket' | 'file', options: Record<string, string>) => {
      const response = await fetch(`${vaultAddr}/v1/sys/audit/${name}`, {
        method: 'PUT',
        headers: { 'X-Vault-Token': token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type, options }),
      });
      if (!response.ok) throw new Error(`enable audit ${name}: HTTP ${response.status}`);
    },
    disableAudit: async (name: string) => {
      await fetch(`${vaultAddr}/v1/sys/audit/${name}`, { method: 'DELETE', headers: { 'X-Vault-Token': token } });
    },
  };
}
