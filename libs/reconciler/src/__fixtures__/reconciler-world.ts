import { randomBytes } from 'node:crypto';
import { Association, DestinationRef, SyncEvent, associationId } from '@vault-sync/domain';
import { JobName, SYNC_QUEUES, SyncJobProducer, queuePrefix } from '@vault-sync/jobs';
import { AssociationRepository, CredentialCipher, DestinationRepository, closeRedisConnection, connectRedis } from '@vault-sync/store';
import { VaultClient } from '@vault-sync/vault-client';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import NodeVault from 'node-vault';
import { ReconcilerLogger } from '../reconciler-logger';

export const ROOT_TOKEN = 'hvs.reconciler-root';
export const DESTINATION: DestinationRef = { type: 'gh', name: 'ci-repo' };

export const quietLogger: ReconcilerLogger = { info: () => undefined, warn: () => undefined };

export interface QueuedJob {
  name: string;
  secretPath: string;
  generation: number;
  trigger: string;
  observedVersion?: number;
  removeAssociation?: boolean;
}

/** What the int-spec provides: the Vault emulator's URL (root token {@link ROOT_TOKEN}) and a test Redis. */
export interface WorldInputs {
  vaultUrl: string;
  redis: { url: string; prefix: string; redis: Redis };
}

/**
 * Test support for the reconciler int-specs: the store's repositories on a real Redis, a real job producer, a
 * Vault client, and helpers that play the part of a worker (marking an association synced or unsynced).
 */
export async function startReconcilerWorld({ vaultUrl, redis }: WorldInputs) {
  const redisErrors: Error[] = [];
  const connection: Redis = await connectRedis({ url: redis.url, flavour: 'fail-fast', onError: (error) => redisErrors.push(error) });
  const ctx = { redis: redis.redis, prefix: redis.prefix };
  const associations = new AssociationRepository(ctx);
  const destinations = new DestinationRepository(ctx, new CredentialCipher(randomBytes(32)));
  const queues = new SyncJobProducer({ connection, keyPrefix: redis.prefix, onError: (error) => redisErrors.push(error) });
  const vault = VaultClient.create({ address: vaultUrl, auth: { method: 'token', token: ROOT_TOKEN }, mountCacheTtlMs: 0 });
  const admin = NodeVault({ apiVersion: 'v1', endpoint: vaultUrl, token: ROOT_TOKEN });
  await destinations.create({
    ...DESTINATION,
    connection: { repository_owner: 'acme', repository_name: 'web' },
    credentials: { access_token: 'ghp_test' },
    options: { granularity: 'secret-path', secretNameTemplate: 'VAULT_{{ .SecretPath }}', customTags: {}, adoptExisting: false },
  });
  const mountAccessor = (await vault.listMounts()).find((mount) => mount.path === 'secret/')?.accessor as string;

  /** An association to `secret/<path>` that a worker synced at `version` (or unsynced, without one). */
  async function settledAssociation(secretPath: string, version?: number): Promise<Association> {
    const { association } = await associations.set({ destination: DESTINATION, mountAccessor, secretPath, mountPath: 'secret' });
    const id = associationId(DESTINATION, association);
    if (version === undefined) {
      await associations.applyEvent(id, SyncEvent.QueueUnsync);
      await associations.applyEvent(id, SyncEvent.StartUnsync);
      return (await associations.applyEvent(id, SyncEvent.Succeed)).association;
    }
    await associations.applyEvent(id, SyncEvent.StartSync);
    return (await associations.applyEvent(id, SyncEvent.Succeed, { syncedVersion: version })).association;
  }

  async function association(secretPath: string): Promise<Association | undefined> {
    return associations.get(associationId(DESTINATION, { mountAccessor, secretPath }));
  }

  async function queuedJobs(): Promise<QueuedJob[]> {
    const queue = new Queue(SYNC_QUEUES.gh, { connection, prefix: queuePrefix(redis.prefix, 'gh') });
    try {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized', 'active']);
      return jobs
        .map((job) => {
          const data = job.data as { association: { secretPath: string }; generation: number; trigger: string; observedVersion?: number; removeAssociation?: boolean };
          return {
            name: job.name as JobName,
            secretPath: data.association.secretPath,
            generation: data.generation,
            trigger: data.trigger,
            ...(data.observedVersion === undefined ? {} : { observedVersion: data.observedVersion }),
            ...(data.removeAssociation === undefined ? {} : { removeAssociation: data.removeAssociation }),
          };
        })
        .sort((a, b) => a.secretPath.localeCompare(b.secretPath));
    } finally {
      await queue.close();
    }
  }

  async function close(): Promise<void> {
    vault.close();
    await queues.close();
    await closeRedisConnection(connection);
  }

  return { connection, associations, destinations, queues, vault, admin, mountAccessor, redisErrors, settledAssociation, association, queuedJobs, close };
}

export type ReconcilerWorld = Awaited<ReturnType<typeof startReconcilerWorld>>;

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
