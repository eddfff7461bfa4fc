import { randomBytes } from 'node:crypto';
import { DestinationRef, LedgerEntry } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { CredentialCipher } from '../crypto/credential-cipher';
import { DestinationNotFoundError } from '../errors';
import { DestinationRepository } from './destination.repository';
import { OwnershipLedgerRepository } from './ownership-ledger.repository';

describe('OwnershipLedgerRepository', () => {
  let redis: TestRedis;
  let ledger: OwnershipLedgerRepository;
  const destination: DestinationRef = { type: 'aws-sm', name: 'prod' };

  function entry(externalName: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
    return {
      destination,
      externalName,
      externalId: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${externalName}`,
      source: { mountAccessor: 'kv_1a2b3c4d', secretPath: 'app/db' },
      vaultVersion: 3,
      fingerprint: 'a'.repeat(64),
      writtenAt: '2025-05-02T09:14:03.000Z',
      ...overrides,
    };
  }

  beforeAll(async () => {
    redis = await createTestRedis();
    const ctx = { redis: redis.redis, prefix: redis.prefix };
    ledger = new OwnershipLedgerRepository(ctx);
    await new DestinationRepository(ctx, new CredentialCipher(randomBytes(32))).create({
      ...destination,
      connection: { region: 'eu-west-1' },
      credentials: {},
      options: { granularity: 'secret-path', secretNameTemplate: 'vault/{{ .SecretPath }}', customTags: {}, adoptExisting: false },
    });
  });

  afterAll(() => redis.cleanup());

  it('puts, reads, replaces and deletes an entry per external name', async () => {
    await ledger.put(entry('vault/app/db'));
    expect(await ledger.get(destination, 'vault/app/db')).toEqual(entry('vault/app/db'));
    await ledger.put(entry('vault/app/db', { vaultVersion: 4, fingerprint: 'b'.repeat(64) }));
    expect(await ledger.get(destination, 'vault/app/db')).toMatchObject({ vaultVersion: 4, fingerprint: 'b'.repeat(64) });
    expect(await ledger.delete(destination, 'vault/app/db')).toBe(true);
    expect(await ledger.get(destination, 'vault/app/db')).toBeUndefined();
    expect(await ledger.delete(destination, 'vault/app/db')).toBe(false);
  });

  it('lists the entries of one destination, sorted by external name', async () => {
    await ledger.put(entry('vault/b', { source: { mountAccessor: 'kv_1', secretPath: 'ci/tokens', subKey: 'npm' } }));
    await ledger.put(entry('vault/a'));
    expect((await ledger.listByDestination(destination)).map((e) => e.externalName)).toEqual(['vault/a', 'vault/b']);
    expect((await ledger.get(destination, 'vault/b'))?.source.subKey).toBe('npm');
    expect(await ledger.listByDestination({ type: 'aws-sm', name: 'other' })).toEqual([]);
  });

  it('refuses an entry for a destination that does not exist', async () => {
    const orphan = { ...entry('vault/x'), destination: { type: 'gh', name: 'gone' } as DestinationRef };
    await expect(ledger.put(orphan)).rejects.toThrow(DestinationNotFoundError);
    expect(await ledger.listByDestination(orphan.destination)).toEqual([]);
  });
});
