import { randomBytes } from 'node:crypto';
import { DestinationRef, ErrorCode } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { CredentialCipher } from '../crypto/credential-cipher';
import {
  ConcurrentModificationError,
  CredentialDecryptionError,
  DestinationAlreadyExistsError,
  DestinationInUseError,
  DestinationNotFoundError,
} from '../errors';
import { StoreKeys } from '../keys';
import { StoreContext } from '../store-context';
import { AssociationRepository } from './association.repository';
import { DestinationRepository, NewDestination } from './destination.repository';
import { OwnershipLedgerRepository } from './ownership-ledger.repository';

function githubDestination(name: string): NewDestination {
  return {
    type: 'gh',
    name,
    connection: { repository_owner: 'acme', repository_name: name },
    credentials: { access_token: `ghp_${name}-token` },
    options: { granularity: 'secret-key', secretNameTemplate: 'VAULT_{{ .SecretKey }}', customTags: {}, adoptExisting: false },
  };
}

describe('DestinationRepository', () => {
  let redis: TestRedis;
  let ctx: StoreContext;
  let keys: StoreKeys;
  let destinations: DestinationRepository;
  let associations: AssociationRepository;
  const cipher = new CredentialCipher(randomBytes(32));
  let clock = new Date('2025-05-02T09:00:00.000Z');

  beforeAll(async () => {
    redis = await createTestRedis();
    ctx = { redis: redis.redis, prefix: redis.prefix, now: () => clock };
    keys = new StoreKeys(redis.prefix);
    destinations = new DestinationRepository(ctx, cipher);
    associations = new AssociationRepository(ctx);
  });

  afterAll(() => redis.cleanup());

  it('creates a destination and reads it back with its credentials decrypted', async () => {
    const created = await destinations.create(githubDestination('create-me'));
    expect(created).toMatchObject({ ...githubDestination('create-me'), createdAt: clock.toISOString(), updatedAt: clock.toISOString(), revision: 1 });
    expect(await destinations.get({ type: 'gh', name: 'create-me' })).toEqual(created);
  });

  it('refuses to create a destination twice, with a typed error naming it', async () => {
    await destinations.create(githubDestination('twice'));
    const attempt = destinations.create({ ...githubDestination('twice'), credentials: { access_token: 'other' } });
    await expect(attempt).rejects.toThrow(DestinationAlreadyExistsError);
    await expect(destinations.create(githubDestination('twice'))).rejects.toThrow('destination gh/twice already exists');
    expect((await destinations.get({ type: 'gh', name: 'twice' }))?.credentials).toEqual({ access_token: 'ghp_twice-token' });
  });

  it('answers undefined for a destination that does not exist', async () => {
    expect(await destinations.get({ type: 'gh', name: 'missing' })).toBeUndefined();
    expect(await destinations.getMasked({ type: 'gh', name: 'missing' })).toBeUndefined();
  });

  it('masks every credential field for API reads', async () => {
    await destinations.create({ ...githubDestination('masked'), credentials: { access_token: 'ghp_x', app_key: 'k' } });
    const masked = await destinations.getMasked({ type: 'gh', name: 'masked' });
    expect(masked?.credentials).toEqual({ access_token: '*****', app_key: '*****' });
    expect(masked?.connection).toEqual({ repository_owner: 'acme', repository_name: 'masked' });
  });

  it('lists destinations of one type, or of every type, sorted', async () => {
    const isolated = new DestinationRepository({ ...ctx, prefix: `${redis.prefix}-list` }, cipher);
    for (const ref of [
      { type: 'gh', name: 'b' },
      { type: 'gh', name: 'a' },
      { type: 'aws-sm', name: 'prod' },
    ] as DestinationRef[]) {
      await isolated.create({ ...githubDestination(ref.name), type: ref.type });
    }
    expect(await isolated.list('gh')).toEqual([
      { type: 'gh', name: 'a' },
      { type: 'gh', name: 'b' },
    ]);
    expect(await isolated.list()).toEqual([
      { type: 'aws-sm', name: 'prod' },
      { type: 'gh', name: 'a' },
      { type: 'gh', name: 'b' },
    ]);
    expect(await isolated.list('vercel-project')).toEqual([]);
    await isolated.delete({ type: 'gh', name: 'a' });
    expect(await isolated.list('gh')).toEqual([{ type: 'gh', name: 'b' }]);
    await isolated.delete({ type: 'gh', name: 'b' });
    await isolated.delete({ type: 'aws-sm', name: 'prod' });
  });

  it('updates from the current state, bumping the revision and updatedAt, and re-encrypts changed credentials', async () => {
    const ref = { type: 'gh', name: 'update-me' } as const;
    await destinations.create(githubDestination('update-me'));
    const envelopeBefore = await redis.redis.hget(keys.destination(ref), 'credentials');
    clock = new Date('2025-05-02T10:00:00.000Z');
    const updated = await destinations.update(ref, (current) => ({ options: { ...current.options, customTags: { team: 'web' } } }));
    expect(updated).toMatchObject({ revision: 2, updatedAt: clock.toISOString(), createdAt: '2025-05-02T09:00:00.000Z' });
    expect(updated.options.customTags).toEqual({ team: 'web' });
    expect(await redis.redis.hget(keys.destination(ref), 'credentials')).toBe(envelopeBefore);

    const rotated = await destinations.update(ref, () => ({ credentials: { access_token: 'ghp_rotated' } }));
    expect(rotated.revision).toBe(3);
    expect(await redis.redis.hget(keys.destination(ref), 'credentials')).not.toBe(envelopeBefore);
    expect((await destinations.get(ref))?.credentials).toEqual({ access_token: 'ghp_rotated' });
    expect((await destinations.getMasked(ref))?.credentials).toEqual({ access_token: '*****' });
  });

  it('refuses an update when the caller read an older revision', async () => {
    const ref = { type: 'gh', name: 'if-match' } as const;
    await destinations.create(githubDestination('if-match'));
    await destinations.update(ref, () => ({ connection: { repository_owner: 'acme', repository_name: 'x' } }), { expectedRevision: 1 });
    const stale = destinations.update(ref, () => ({ connection: {} }), { expectedRevision: 1 });
    await expect(stale).rejects.toThrow(ConcurrentModificationError);
    expect((await destinations.get(ref))?.connection).toEqual({ repository_owner: 'acme', repository_name: 'x' });
  });

  it('loses no update when many connections update the same destination at once', async () => {
    const ref = { type: 'gh', name: 'contended' } as const;
    await destinations.create({ ...githubDestination('contended'), options: { ...githubDestination('x').options, customTags: {} } });
    const writers = await Promise.all(Array.from({ length: 20 }, async () => new DestinationRepository({ ...ctx, redis: await redis.connect() }, cipher)));
    await Promise.all(
      writers.map((writer, i) => writer.update(ref, (current) => ({ options: { ...current.options, customTags: { ...current.options.customTags, [`t${i}`]: 'x' } } }))),
    );
    const final = await destinations.get(ref);
    expect(Object.keys(final?.options.customTags ?? {})).toHaveLength(20);
    expect(final?.revision).toBe(21);
  });

  it('fails update on a missing destination with a typed error', async () => {
    await expect(destinations.update({ type: 'gh', name: 'nope' }, () => ({}))).rejects.toThrow(DestinationNotFoundError);
  });

  it('sets and clears purge markers without touching the credentials', async () => {
    const ref = { type: 'gh', name: 'purge-me' } as const;
    await destinations.create(githubDestination('purge-me'));
    clock = new Date('2025-05-02T11:00:00.000Z');
    await destinations.markPurgeInitiated(ref);
    await destinations.recordPurgeError(ref, 'gh/purge-me answered 401');
    clock = new Date('2025-05-02T12:00:00.000Z');
    await destinations.markPurgeInitiated(ref);
    const purging = await destinations.get(ref);
    expect(purging?.purgeInitiatedAt).toBe('2025-05-02T11:00:00.000Z');
    expect(purging?.purgeError).toBeUndefined();
    expect(purging?.credentials).toEqual({ access_token: 'ghp_purge-me-token' });
    await destinations.recordPurgeError(ref, 'gh/purge-me answered 401');
    expect((await destinations.getMasked(ref))?.purgeError).toBe('gh/purge-me answered 401');
    await destinations.clearPurgeMarkers(ref);
    const cleared = await destinations.get(ref);
    expect(cleared?.purgeInitiatedAt).toBeUndefined();
    expect(cleared?.purgeError).toBeUndefined();
  });

  it('deletes a destination without associations, with its ledger; false when already gone', async () => {
    const ref = { type: 'gh', name: 'delete-me' } as const;
    await destinations.create(githubDestination('delete-me'));
    await new OwnershipLedgerRepository(ctx).put({
      destination: ref,
      externalName: 'VAULT_X',
      source: { mountAccessor: 'kv_1', secretPath: 'x' },
      vaultVersion: 1,
      fingerprint: 'f'.repeat(64),
      writtenAt: clock.toISOString(),
    });
    expect(await destinations.delete(ref)).toBe(true);
    expect(await destinations.get(ref)).toBeUndefined();
    expect(await redis.redis.exists(keys.destination(ref), keys.ledger(ref))).toBe(0);
    expect(await destinations.delete(ref)).toBe(false);
  });

  it('refuses to delete a destination that still has associations, unless forced', async () => {
    const ref = { type: 'gh', name: 'in-use' } as const;
    await destinations.create(githubDestination('in-use'));
    const secret = { mountAccessor: 'kv_1a2b3c4d', secretPath: 'app/db' };
    await associations.set({ destination: ref, ...secret, mountPath: 'kv' });
    await associations.set({ destination: ref, mountAccessor: 'kv_1a2b3c4d', secretPath: 'app/other', mountPath: 'kv' });

    let caught: unknown;
    await destinations.delete(ref).catch((err: unknown) => (caught = err));
    expect(caught).toBeInstanceOf(DestinationInUseError);
    expect((caught as DestinationInUseError).code).toBe(ErrorCode.DestinationInUse);
    expect((caught as Error).message).toContain('store cannot be deleted because it is still managing secrets');
    expect((caught as Error).message).toContain('gh/in-use');
    expect(await destinations.get(ref)).toBeDefined();

    expect(await destinations.delete(ref, { force: true })).toBe(true);
    expect(await destinations.get(ref)).toBeUndefined();
    expect(await associations.listByDestination(ref)).toEqual([]);
    expect(await associations.findBySecret(secret)).toEqual([]);
    expect(await redis.redis.exists(keys.destinationAssociations(ref), keys.secretAssociations(secret))).toBe(0);
  });

  it('reports credentials it cannot decrypt with a typed error, e.g. after losing the key', async () => {
    await destinations.create(githubDestination('lost-key'));
    const withOtherKey = new DestinationRepository(ctx, new CredentialCipher(randomBytes(32)));
    await expect(withOtherKey.get({ type: 'gh', name: 'lost-key' })).rejects.toThrow(CredentialDecryptionError);
    expect((await withOtherKey.getMasked({ type: 'gh', name: 'lost-key' }))?.credentials).toEqual({ access_token: '*****' });
  });

  it('cannot be fooled by an envelope copied from another destination', async () => {
    await destinations.create(githubDestination('victim'));
    await destinations.create(githubDestination('attacker'));
    const stolen = await redis.redis.hget(keys.destination({ type: 'gh', name: 'victim' }), 'credentials');
    await redis.redis.hset(keys.destination({ type: 'gh', name: 'attacker' }), 'credentials', stolen ?? '');
    await expect(destinations.get({ type: 'gh', name: 'attacker' })).rejects.toThrow(CredentialDecryptionError);
  });
});
