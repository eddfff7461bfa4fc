import { randomBytes } from 'node:crypto';
import {
  DestinationRef,
  ErrorCode,
  FailureClass,
  IllegalTransitionError,
  SyncEvent,
  SyncStatus,
  associationId,
} from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { CredentialCipher } from '../crypto/credential-cipher';
import { AssociationNotFoundError, DestinationNotFoundError, DestinationPurgingError } from '../errors';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';
import { AssociationRepository, NewAssociation } from './association.repository';
import { DestinationRepository } from './destination.repository';

const error = { failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, message: 'gh answered 503' };

describe('AssociationRepository', () => {
  let redis: TestRedis;
  let ctx: StoreContext;
  let keys: StoreKeys;
  let associations: AssociationRepository;
  let destinations: DestinationRepository;
  let destinationNo = 0;

  beforeAll(async () => {
    redis = await createTestRedis();
    ctx = { redis: redis.redis, prefix: redis.prefix };
    keys = new StoreKeys(redis.prefix);
    associations = new AssociationRepository(ctx);
    destinations = new DestinationRepository(ctx, new CredentialCipher(randomBytes(32)));
  });

  afterAll(() => redis.cleanup());

  async function newDestination(): Promise<DestinationRef> {
    const ref: DestinationRef = { type: 'gh', name: `repo-${++destinationNo}` };
    await destinations.create({
      ...ref,
      connection: {},
      credentials: { access_token: 'ghp_x' },
      options: { granularity: 'secret-key', secretNameTemplate: 'VAULT_{{ .SecretKey }}', customTags: {}, adoptExisting: false },
    });
    return ref;
  }

  /** On a destination of its own, for a secret no other test uses. */
  async function newAssociation(): Promise<{ id: string; input: NewAssociation }> {
    const destination = await newDestination();
    const input: NewAssociation = { destination, mountAccessor: 'kv_1a2b3c4d', secretPath: `app/${destination.name}/db`, mountPath: 'kv' };
    await associations.set(input);
    return { id: associationId(input.destination, input), input };
  }

  describe('set, get, list, remove', () => {
    it('creates an association PENDING with a sync queued, and indexes it by destination and by secret', async () => {
      const destination = await newDestination();
      const input = { destination, mountAccessor: 'kv_1a2b3c4d', secretPath: 'team/app/db', mountPath: 'kv' };
      const { association, created } = await associations.set(input);
      expect(created).toBe(true);
      expect(association).toMatchObject({ ...input, status: SyncStatus.Pending, operation: 'sync', generation: 1, attempts: 0, subKeys: {} });
      const id = associationId(destination, input);
      expect(await associations.get(id)).toEqual(association);
      expect(await associations.listByDestination(destination)).toEqual([association]);
      expect(await associations.findBySecret({ mountAccessor: 'kv_1a2b3c4d', secretPath: 'team/app/db' })).toEqual([association]);
    });

    it('refreshes an existing association instead of duplicating it: a new sync generation', async () => {
      const { id, input } = await newAssociation();
      await associations.applyEvent(id, SyncEvent.StartSync);
      await associations.applyEvent(id, SyncEvent.Succeed, { syncedVersion: 3 });
      const { association, created } = await associations.set({ ...input, mountPath: 'kv-renamed' });
      expect(created).toBe(false);
      expect(association).toMatchObject({ status: SyncStatus.Pending, operation: 'sync', generation: 2, syncedVersion: 3, mountPath: 'kv-renamed' });
      expect(await associations.listByDestination(input.destination)).toHaveLength(1);
      expect(await redis.redis.scard(keys.secretAssociations(input))).toBe(1);
    });

    it('refuses an association on a missing or purging destination', async () => {
      const secret = { mountAccessor: 'kv_1', secretPath: 'x', mountPath: 'kv' };
      await expect(associations.set({ destination: { type: 'gh', name: 'nowhere' }, ...secret })).rejects.toThrow(DestinationNotFoundError);
      const destination = await newDestination();
      await destinations.markPurgeInitiated(destination);
      await expect(associations.set({ destination, ...secret })).rejects.toThrow(DestinationPurgingError);
      expect(await associations.listByDestination(destination)).toEqual([]);
    });

    it('finds every association of a secret across destinations, and only those', async () => {
      const secret = { mountAccessor: 'kv_find', secretPath: 'shared/db' };
      const [a, b] = [await newDestination(), await newDestination()];
      await associations.set({ destination: a, ...secret, mountPath: 'kv' });
      await associations.set({ destination: b, ...secret, mountPath: 'kv' });
      await associations.set({ destination: a, mountAccessor: 'kv_find', secretPath: 'shared/other', mountPath: 'kv' });
      const found = await associations.findBySecret(secret);
      expect(found.map((association) => association.destination)).toEqual([a, b]);
      expect(await associations.listByDestination(a)).toHaveLength(2);
      expect(await associations.findBySecret({ mountAccessor: 'kv_find', secretPath: 'shared' })).toEqual([]);
    });

    it('removes an association with its sub keys and index entries; false the second time', async () => {
      const { id, input } = await newAssociation();
      await associations.setSubKey(id, 'npm', { status: SyncStatus.Synced, updatedAt: '2025-05-02T09:14:03.000Z' });
      expect(await associations.remove(id)).toBe(true);
      expect(await associations.get(id)).toBeUndefined();
      expect(await associations.listByDestination(input.destination)).toEqual([]);
      expect(await associations.findBySecret(input)).toEqual([]);
      expect(await redis.redis.exists(keys.association(id), keys.associationSubKeys(id), keys.secretAssociations(input))).toBe(0);
      expect(await associations.remove(id)).toBe(false);
      await expect(destinations.delete(input.destination)).resolves.toBe(true);
    });
  });

  describe('applyEvent', () => {
    it('walks a sync through the state machine, counting attempts and recording the outcome', async () => {
      const { id } = await newAssociation();
      await associations.applyEvent(id, SyncEvent.StartSync, { expectedGeneration: 1 });
      const failed = await associations.applyEvent(id, SyncEvent.FailExternal, { expectedGeneration: 1, error });
      expect(failed).toMatchObject({ outcome: 'applied', association: { status: SyncStatus.ExternalServiceError, lastError: error, attempts: 1 } });
      await associations.applyEvent(id, SyncEvent.StartSync, { expectedGeneration: 1 });
      const done = await associations.applyEvent(id, SyncEvent.Succeed, { expectedGeneration: 1, syncedVersion: 7, externalName: 'VAULT_APP_DB' });
      expect(done.outcome).toBe('applied');
      expect(done.association).toMatchObject({ status: SyncStatus.Synced, attempts: 2, syncedVersion: 7, externalName: 'VAULT_APP_DB', generation: 1 });
      expect(done.association.lastError).toBeUndefined();
      expect(done.association.operation).toBeUndefined();
      expect(await associations.get(id)).toEqual(done.association);
    });

    it('throws the domain IllegalTransitionError and leaves the record exactly as it was', async () => {
      const { id } = await newAssociation();
      const before = await redis.redis.hgetall(keys.association(id));
      await expect(associations.applyEvent(id, SyncEvent.Succeed)).rejects.toThrow(IllegalTransitionError);
      expect(await redis.redis.hgetall(keys.association(id))).toEqual(before);
    });

    it('reports a run overtaken by a newer queue event as superseded, without settling the status', async () => {
      const { id } = await newAssociation();
      await associations.applyEvent(id, SyncEvent.StartSync, { expectedGeneration: 1 });
      await associations.applyEvent(id, SyncEvent.QueueSync);
      const before = await redis.redis.hgetall(keys.association(id));
      const late = await associations.applyEvent(id, SyncEvent.Succeed, { expectedGeneration: 1, syncedVersion: 1 });
      expect(late).toMatchObject({ outcome: 'superseded', association: { status: SyncStatus.Pending, generation: 2 } });
      expect(await redis.redis.hgetall(keys.association(id))).toEqual(before);
    });

    it('deletes a removed association once its unsync succeeds', async () => {
      const { id, input } = await newAssociation();
      await associations.applyEvent(id, SyncEvent.QueueUnsync, { removeWhenUnsynced: true });
      await associations.applyEvent(id, SyncEvent.StartUnsync);
      const result = await associations.applyEvent(id, SyncEvent.Succeed, { expectedGeneration: 2 });
      expect(result).toMatchObject({ outcome: 'removed', association: { status: SyncStatus.Unsynced } });
      expect(await associations.get(id)).toBeUndefined();
      expect(await associations.findBySecret(input)).toEqual([]);
    });

    it('keeps an association that was only unsynced (secret deleted in Vault)', async () => {
      const { id } = await newAssociation();
      await associations.applyEvent(id, SyncEvent.QueueUnsync);
      await associations.applyEvent(id, SyncEvent.StartUnsync);
      expect((await associations.applyEvent(id, SyncEvent.Succeed)).outcome).toBe('applied');
      expect((await associations.get(id))?.status).toBe(SyncStatus.Unsynced);
    });

    it('fails with a typed error for an unknown association', async () => {
      await expect(associations.applyEvent('gh/none/kv_1/x', SyncEvent.QueueSync)).rejects.toThrow(AssociationNotFoundError);
    });
  });

  describe('sub keys', () => {
    it('sets, replaces and removes sub-key entries', async () => {
      const { id } = await newAssociation();
      const npm = { status: SyncStatus.Synced, updatedAt: '2025-05-02T09:14:03.000Z', externalName: 'VAULT_NPM' };
      await associations.setSubKey(id, 'npm', npm);
      await associations.setSubKey(id, 'pypi', { status: SyncStatus.ExternalServiceError, updatedAt: '2025-05-02T09:14:04.000Z', lastError: error });
      await associations.setSubKey(id, 'npm', { ...npm, status: SyncStatus.Unsynced });
      expect((await associations.get(id))?.subKeys).toEqual({
        npm: { ...npm, status: SyncStatus.Unsynced },
        pypi: { status: SyncStatus.ExternalServiceError, updatedAt: '2025-05-02T09:14:04.000Z', lastError: error },
      });
      await associations.removeSubKey(id, 'npm');
      expect(Object.keys((await associations.get(id))?.subKeys ?? {})).toEqual(['pypi']);
    });

    it('never writes a sub key for an association that does not exist', async () => {
      const { id } = await newAssociation();
      await associations.remove(id);
      await expect(associations.setSubKey(id, 'npm', { status: SyncStatus.Synced, updatedAt: 'x' })).rejects.toThrow(AssociationNotFoundError);
      expect(await redis.redis.exists(keys.associationSubKeys(id))).toBe(0);
    });
  });

  describe('concurrency across connections', () => {
    const PARALLEL = 50;

    async function repositoriesOnOwnConnections(): Promise<AssociationRepository[]> {
      return Promise.all(Array.from({ length: PARALLEL }, async () => new AssociationRepository({ ...ctx, redis: await redis.connect() })));
    }

    it(`loses none of ${PARALLEL} parallel queue events, then none of ${PARALLEL} parallel starts`, async () => {
      const { id } = await newAssociation();
      const writers = await repositoriesOnOwnConnections();
      await Promise.all(writers.map((writer) => writer.applyEvent(id, SyncEvent.QueueSync)));
      expect(await associations.get(id)).toMatchObject({ status: SyncStatus.Pending, generation: 1 + PARALLEL, attempts: 0 });
      await Promise.all(writers.map((writer) => writer.applyEvent(id, SyncEvent.StartSync)));
      expect(await associations.get(id)).toMatchObject({ status: SyncStatus.Syncing, generation: 1 + PARALLEL, attempts: PARALLEL });
    });

    it(`keeps all of ${PARALLEL} sub keys written in parallel with status events`, async () => {
      const { id } = await newAssociation();
      const writers = await repositoriesOnOwnConnections();
      await Promise.all(
        writers.flatMap((writer, i) => [
          writer.setSubKey(id, `key-${i}`, { status: SyncStatus.Synced, updatedAt: `t${i}` }),
          writer.applyEvent(id, SyncEvent.QueueSync),
        ]),
      );
      const association = await associations.get(id);
      expect(Object.keys(association?.subKeys ?? {})).toHaveLength(PARALLEL);
      expect(association?.generation).toBe(1 + PARALLEL);
    });

    it('never leaves an association behind when it races a forced destination delete', async () => {
      const destination = await newDestination();
      const writers = await repositoriesOnOwnConnections();
      const racing = writers.map((writer, i) =>
        writer.set({ destination, mountAccessor: 'kv_race', secretPath: `s${i}`, mountPath: 'kv' }).catch((err: unknown) => err),
      );
      const [deleted] = await Promise.all([destinations.delete(destination, { force: true }), ...racing]);
      expect(deleted).toBe(true);
      expect(await destinations.get(destination)).toBeUndefined();
      expect(await associations.listByDestination(destination)).toEqual([]);
      for (let i = 0; i < PARALLEL; i++) {
        expect(await associations.findBySecret({ mountAccessor: 'kv_race', secretPath: `s${i}` })).toEqual([]);
      }
    });
  });
});
