import { randomBytes } from 'node:crypto';
import {
  ConfigurationError,
  DestinationRef,
  ErrorCode,
  SyncEvent,
  SyncStatus,
  VaultSyncError,
  associationId,
} from '@vault-sync/domain';
import { AssociationJobRef, JobName, SYNC_QUEUES, SyncJobProducer, queuePrefix } from '@vault-sync/jobs';
import {
  AssociationRepository,
  CREDENTIAL_MASK,
  CredentialCipher,
  DestinationInUseError,
  DestinationNotFoundError,
  DestinationPurgingError,
  DestinationRepository,
  GlobalConfigRepository,
  closeRedisConnection,
  connectRedis,
} from '@vault-sync/store';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AssociationService } from './association.service';
import { DestinationDraft, DestinationService } from './destination.service';
import { MountResolver, ResolvedMount } from './mount-resolver';
import { PurgeService } from './purge.service';
import { QueueCapacityGuard } from './queue-capacity.guard';
import { QueueFullError } from './queue-full.error';
import { SyncConfigService } from './sync-config.service';

/** A mount table in memory, typed against the real interface. */
class FakeMounts implements MountResolver {
  readonly table = new Map<string, ResolvedMount>([
    ['kv', { accessor: 'kv_1a2b3c4d', type: 'kv', version: '2' }],
    ['team/kv', { accessor: 'kv_99887766', type: 'kv', version: '2' }],
    ['legacy', { accessor: 'kv_0000', type: 'kv', version: '1' }],
    ['pki', { accessor: 'pki_1111', type: 'pki' }],
  ]);
  async resolve(mountPath: string): Promise<ResolvedMount | undefined> {
    return this.table.get(mountPath);
  }
}

const gh: DestinationRef = { type: 'gh', name: 'ci-repo' };
const draft: DestinationDraft = {
  connection: { repository_owner: 'acme', repository_name: 'web' },
  credentials: { access_token: 'ghp_supersecret' },
  options: { granularity: 'secret-key', secretNameTemplate: 'VAULT_{{ .SecretKey }}', customTags: {}, adoptExisting: false },
};

describe('sync application services (real Redis, real BullMQ queues)', () => {
  let redis: TestRedis;
  let connection: Redis;
  let producer: SyncJobProducer;
  let store: { associations: AssociationRepository; destinations: DestinationRepository; config: GlobalConfigRepository };
  let mounts: FakeMounts;
  let config: SyncConfigService;
  let destinationsService: DestinationService;
  let associationsService: AssociationService;
  let purges: PurgeService;
  const redisErrors: Error[] = [];

  beforeEach(async () => {
    redis = await createTestRedis();
    const onError = (error: Error) => redisErrors.push(error);
    connection = await connectRedis({ url: redis.url, flavour: 'fail-fast', onError });
    producer = new SyncJobProducer({ connection, keyPrefix: redis.prefix, onError });
    const ctx = { redis: redis.redis, prefix: redis.prefix };
    store = {
      associations: new AssociationRepository(ctx),
      destinations: new DestinationRepository(ctx, new CredentialCipher(randomBytes(32))),
      config: new GlobalConfigRepository(ctx),
    };
    mounts = new FakeMounts();
    const capacity = new QueueCapacityGuard(store.config, producer);
    config = new SyncConfigService(store.config, producer);
    purges = new PurgeService({ destinations: store.destinations, associations: store.associations, queues: producer, capacity });
    destinationsService = new DestinationService(store.destinations, purges);
    associationsService = new AssociationService({ associations: store.associations, destinations: store.destinations, mounts, queues: producer, capacity });
  });

  afterEach(async () => {
    await producer.close();
    await closeRedisConnection(connection);
    await redis.cleanup();
    expect(redisErrors).toEqual([]);
  });

  async function createDestination(ref: DestinationRef = gh): Promise<void> {
    await destinationsService.write(ref, () => draft);
  }

  async function queuedJobs(kind: 'gh' | 'aws-sm' = 'gh') {
    const queue = new Queue(SYNC_QUEUES[kind], { connection, prefix: queuePrefix(redis.prefix, kind) });
    try {
      return (await queue.getJobs(['waiting', 'delayed', 'active'])).map((job) => ({ name: job.name, data: job.data }));
    } finally {
      await queue.close();
    }
  }

  async function queuePaused(): Promise<boolean> {
    const queue = new Queue(SYNC_QUEUES.gh, { connection, prefix: queuePrefix(redis.prefix, 'gh') });
    try {
      return await queue.isPaused();
    } finally {
      await queue.close();
    }
  }

  /** What a worker does for a successful unsync of a removed association, then its purge check. */
  async function completeUnsync(ref: AssociationJobRef): Promise<void> {
    const id = associationId(ref.destination, ref);
    await store.associations.applyEvent(id, SyncEvent.StartUnsync);
    const result = await store.associations.applyEvent(id, SyncEvent.Succeed);
    expect(result.outcome).toBe('removed');
    await purges.completePurgeIfDone(ref.destination);
  }

  const dbSecret: AssociationJobRef = { destination: gh, mountAccessor: 'kv_1a2b3c4d', secretPath: 'app/db' };

  describe('SyncConfigService', () => {
    it('pauses every queue while disabled and resumes them on re-enable and reset', async () => {
      expect(await config.get()).toEqual({ disabled: false, queueCapacity: 1_000_000 });
      expect(await config.patch({ disabled: true })).toEqual({ disabled: true, queueCapacity: 1_000_000 });
      expect(await queuePaused()).toBe(true);
      expect(await config.patch({ queueCapacity: 10 })).toEqual({ disabled: true, queueCapacity: 10 });
      expect(await queuePaused()).toBe(true);
      expect(await config.reset()).toEqual({ disabled: false, queueCapacity: 1_000_000 });
      expect(await queuePaused()).toBe(false);
    });

    it('brings the queues back in step with the stored flag at boot', async () => {
      await store.config.update({ disabled: true }); // as if the process died before pausing
      expect(await queuePaused()).toBe(false);
      await config.syncQueuesWithConfig();
      expect(await queuePaused()).toBe(true);
    });
  });

  describe('AssociationService.set', () => {
    it('records the association PENDING, queues a sync by reference, and answers with the new entry', async () => {
      await createDestination();
      const view = await associationsService.set(gh, 'kv/', 'app/db');
      expect(view).toEqual({
        store_name: 'ci-repo',
        store_type: 'gh',
        associated_secrets: {
          'kv_1a2b3c4d/app/db': { accessor: 'kv_1a2b3c4d', secret_name: 'app/db', sync_status: 'PENDING', updated_at: expect.any(String) },
        },
      });
      expect(await queuedJobs()).toEqual([{ name: JobName.SyncAssociation, data: { association: dbSecret, generation: 1, trigger: 'api' } }]);
      expect((await store.associations.get(associationId(gh, dbSecret)))?.mountPath).toBe('kv');
    });

    it('refreshes an existing association: same entry, new generation, coalesced into the waiting job', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      const view = await associationsService.set(gh, 'kv', 'app/db');
      expect(Object.keys(view.associated_secrets)).toEqual(['kv_1a2b3c4d/app/db']);
      expect((await store.associations.get(associationId(gh, dbSecret)))?.generation).toBe(2);
      expect(await producer.pendingCount()).toBe(1);
    });

    it('refuses a mount that is not KV v2, an unknown mount and an unknown destination, queueing nothing', async () => {
      await createDestination();
      await expect(associationsService.set(gh, 'legacy', 'app/db')).rejects.toThrow(ConfigurationError);
      await expect(associationsService.set(gh, 'legacy', 'app/db')).rejects.toThrow('mount "legacy" is a kv version 1 mount: only KV version 2 secrets can be synced');
      await expect(associationsService.set(gh, 'pki', 'app/db')).rejects.toThrow('mount "pki" is a pki mount');
      await expect(associationsService.set(gh, 'nope', 'app/db')).rejects.toMatchObject({ code: ErrorCode.MountNotFound });
      await expect(associationsService.set({ type: 'gh', name: 'missing' }, 'kv', 'app/db')).rejects.toThrow(DestinationNotFoundError);
      expect(await producer.pendingCount()).toBe(0);
      expect((await associationsService.list(gh)).associated_secrets).toEqual({});
    });

    it('while disabled, still records and queues: the job waits in the paused queue and the entry stays PENDING', async () => {
      await createDestination();
      await config.patch({ disabled: true });
      const view = await associationsService.set(gh, 'kv', 'app/db');
      expect(view.associated_secrets['kv_1a2b3c4d/app/db'].sync_status).toBe(SyncStatus.Pending);
      expect(await queuePaused()).toBe(true);
      expect(await queuedJobs()).toHaveLength(1);
    });

    it('refuses with a clear error and changes nothing when queue_capacity is reached', async () => {
      await createDestination();
      await config.patch({ queueCapacity: 1 });
      await associationsService.set(gh, 'kv', 'app/db');
      const refused = await associationsService.set(gh, 'kv', 'app/cache').catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(QueueFullError);
      expect((refused as Error).message).toMatch(/sync queue is full: 1 operations pending.*queue_capacity is 1/);
      expect(Object.keys((await associationsService.list(gh)).associated_secrets)).toEqual(['kv_1a2b3c4d/app/db']);
      expect(await producer.pendingCount()).toBe(1);
    });
  });

  describe('AssociationService.remove', () => {
    it('queues an unsync that removes the association once it succeeds; the entry shows until then', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      const view = await associationsService.remove(gh, 'kv', 'app/db');
      expect(view.associated_secrets['kv_1a2b3c4d/app/db'].sync_status).toBe(SyncStatus.Pending);
      const association = await store.associations.get(associationId(gh, dbSecret));
      expect(association).toMatchObject({ operation: 'unsync', removeWhenUnsynced: true, generation: 2 });
      expect(await queuedJobs()).toContainEqual({
        name: JobName.UnsyncAssociation,
        data: { association: dbSecret, generation: 2, removeAssociation: true, trigger: 'api' },
      });
      await completeUnsync(dbSecret);
      expect((await associationsService.list(gh)).associated_secrets).toEqual({});
    });

    it('succeeds without queueing anything for an association that does not exist', async () => {
      await createDestination();
      expect((await associationsService.remove(gh, 'kv', 'app/db')).associated_secrets).toEqual({});
      expect(await producer.pendingCount()).toBe(0);
    });

    it('finds an association whose mount has since been disabled by its recorded mount path', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      mounts.table.delete('kv');
      await associationsService.remove(gh, 'kv', 'app/db');
      expect(await store.associations.get(associationId(gh, dbSecret))).toMatchObject({ removeWhenUnsynced: true });
    });
  });

  describe('secret-centric views', () => {
    it('lists a secret’s destinations and every associated secret', async () => {
      const aws: DestinationRef = { type: 'aws-sm', name: 'prod' };
      await createDestination();
      await createDestination(aws);
      await associationsService.set(gh, 'kv', 'app/db');
      await associationsService.set(aws, 'kv', 'app/db');
      await associationsService.set(aws, 'team/kv', 'ci/tokens');
      expect(Object.keys((await associationsService.destinationsOfSecret('kv', 'app/db')).associated_destinations)).toEqual(['aws-sm/prod', 'gh/ci-repo']);
      expect(await associationsService.listSecrets()).toMatchObject({
        keys: ['kv/app/db', 'team/kv/ci/tokens'],
        total_associations: 3,
        total_secrets: 2,
      });
    });
  });

  describe('DestinationService', () => {
    it('creates, then updates through the caller’s merge, and never returns credentials', async () => {
      const created = await destinationsService.write(gh, (current) => {
        expect(current).toBeUndefined();
        return draft;
      });
      expect(created.credentials).toEqual({ access_token: CREDENTIAL_MASK });
      const updated = await destinationsService.write(gh, (current) => {
        expect(current?.credentials).toEqual({ access_token: 'ghp_supersecret' });
        return { ...draft, options: { ...draft.options, customTags: { team: 'ci' } } };
      });
      expect(updated.options.customTags).toEqual({ team: 'ci' });
      expect(JSON.stringify(await destinationsService.read(gh))).not.toContain('ghp_supersecret');
      expect(await destinationsService.list()).toEqual([gh]);
      expect(await destinationsService.list('aws-sm')).toEqual([]);
    });

    it('passes the caller’s refusal through and leaves the destination unchanged', async () => {
      await createDestination();
      const refusal = new ConfigurationError(ErrorCode.InvalidConfiguration, 'repository_owner cannot be changed', 'repository_owner');
      await expect(
        destinationsService.patch(gh, () => {
          throw refusal;
        }),
      ).rejects.toBe(refusal);
      expect((await destinationsService.read(gh)).connection).toEqual(draft.connection);
      await expect(destinationsService.patch({ type: 'gh', name: 'missing' }, () => draft)).rejects.toThrow(DestinationNotFoundError);
    });

    it('refuses a plain delete while associations exist, with Vault’s message', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      const refused = await destinationsService.delete(gh).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DestinationInUseError);
      expect((refused as VaultSyncError).message).toMatch(/^store cannot be deleted because it is still managing secrets/);
      expect(await destinationsService.read(gh)).toBeDefined();
    });

    it('deletes an unused destination at once, and reports a missing one', async () => {
      await createDestination();
      expect(await destinationsService.delete(gh)).toBe('deleted');
      await expect(destinationsService.read(gh)).rejects.toThrow(DestinationNotFoundError);
      await expect(destinationsService.delete(gh)).rejects.toThrow(DestinationNotFoundError);
    });

    it('force_delete removes the destination and its associations without unsyncing', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      expect(await destinationsService.delete(gh, { forceDelete: true, purge: true })).toBe('deleted');
      expect(await store.associations.get(associationId(gh, dbSecret))).toBeUndefined();
      expect((await queuedJobs()).map((job) => job.name)).toEqual([JobName.SyncAssociation]);
    });
  });

  describe('purge', () => {
    const cacheSecret: AssociationJobRef = { ...dbSecret, secretPath: 'app/cache' };

    it('marks the destination, queues an unsync-and-remove of every association, and deletes it after the last one', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      await associationsService.set(gh, 'kv', 'app/cache');
      expect(await destinationsService.delete(gh, { purge: true })).toBe('purging');
      expect((await destinationsService.read(gh)).purgeInitiatedAt).toEqual(expect.any(String));
      const unsyncs = (await queuedJobs()).filter((job) => job.name === JobName.UnsyncAssociation);
      expect(unsyncs.map((job) => job.data)).toEqual(
        expect.arrayContaining([
          { association: dbSecret, generation: 2, removeAssociation: true, trigger: 'api' },
          { association: cacheSecret, generation: 2, removeAssociation: true, trigger: 'api' },
        ]),
      );
      await expect(associationsService.set(gh, 'kv', 'app/other')).rejects.toThrow(DestinationPurgingError);
      await expect(destinationsService.patch(gh, () => draft)).rejects.toThrow(DestinationPurgingError);

      await completeUnsync(dbSecret);
      expect(await purges.completePurgeIfDone(gh)).toBe('pending');
      expect(await destinationsService.read(gh)).toBeDefined();
      await completeUnsync(cacheSecret);
      await expect(destinationsService.read(gh)).rejects.toThrow(DestinationNotFoundError);
      expect(await purges.completePurgeIfDone(gh)).toBe('absent');
    });

    it('deletes a destination without associations at once', async () => {
      await createDestination();
      expect(await destinationsService.delete(gh, { purge: true })).toBe('deleted');
      await expect(destinationsService.read(gh)).rejects.toThrow(DestinationNotFoundError);
    });

    it('records purge_error when an unsync fails for good; the destination stays until a retried purge finishes', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      await destinationsService.delete(gh, { purge: true });
      expect(await purges.recordUnsyncFailure(gh, dbSecret, 'github answered 401')).toBe(true);
      expect(await purges.completePurgeIfDone(gh)).toBe('pending');
      expect((await destinationsService.read(gh)).purgeError).toBe('unsync of kv_1a2b3c4d/app/db failed: github answered 401');

      expect(await destinationsService.delete(gh, { purge: true })).toBe('purging');
      expect((await destinationsService.read(gh)).purgeError).toBeUndefined();
      expect((await store.associations.get(associationId(gh, dbSecret)))?.generation).toBe(3);
      await completeUnsync(dbSecret);
      await expect(destinationsService.read(gh)).rejects.toThrow(DestinationNotFoundError);
    });

    it('ignores unsync failures and completion checks of destinations that are not purging', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      expect(await purges.recordUnsyncFailure(gh, dbSecret, 'boom')).toBe(false);
      expect(await purges.completePurgeIfDone(gh)).toBe('not-purging');
      expect((await destinationsService.read(gh)).purgeError).toBeUndefined();
    });

    it('is refused before marking anything when the queue cannot take every unsync', async () => {
      await createDestination();
      await associationsService.set(gh, 'kv', 'app/db');
      await associationsService.set(gh, 'kv', 'app/cache');
      await config.patch({ queueCapacity: 3 });
      await expect(destinationsService.delete(gh, { purge: true })).rejects.toThrow(QueueFullError);
      expect((await destinationsService.read(gh)).purgeInitiatedAt).toBeUndefined();
    });
  });
});
