import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DestinationRef, LedgerEntry, SyncEvent, SyncStatus, associationId } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { CredentialCipher } from '../crypto/credential-cipher';
import { StoreKeys } from '../keys';
import { AssociationRepository } from './association.repository';
import { DestinationRepository } from './destination.repository';
import { InstallationRepository } from './installation.repository';
import { OwnershipLedgerRepository } from './ownership-ledger.repository';
import { RunFence, RunLeaseRepository } from './run-lease.repository';

describe('run leases, fenced writes and the installation id', () => {
  let redis: TestRedis;
  let leases: RunLeaseRepository;
  let ledger: OwnershipLedgerRepository;
  let associations: AssociationRepository;
  const destination: DestinationRef = { type: 'gh', name: 'fenced' };
  const secret = { mountAccessor: 'kv_1', secretPath: 'ci/tokens' };
  const id = associationId(destination, secret);

  const entry = (vaultVersion: number, fingerprint = 'f'.repeat(64)): LedgerEntry => ({
    destination,
    externalName: 'VAULT_CI_TOKENS_NPM',
    source: { ...secret, subKey: 'npm' },
    vaultVersion,
    fingerprint,
    writtenAt: '2025-05-02T09:14:03.000Z',
  });

  beforeAll(async () => {
    redis = await createTestRedis();
    const ctx = { redis: redis.redis, prefix: redis.prefix };
    leases = new RunLeaseRepository(ctx);
    ledger = new OwnershipLedgerRepository(ctx);
    associations = new AssociationRepository(ctx);
    await new DestinationRepository(ctx, new CredentialCipher(randomBytes(32))).create({
      ...destination,
      connection: {},
      credentials: {},
      options: { granularity: 'secret-key', secretNameTemplate: '{{ .SecretKey }}', customTags: {}, adoptExisting: false },
    });
    await associations.set({ destination, ...secret, mountPath: 'kv' });
  });

  afterAll(() => redis.cleanup());

  /** Takes the lease as a new run would once the previous holder's lease has expired. */
  async function holdLease(jobId: string, token: string, ttlMs = 5_000): Promise<RunFence> {
    const fence = { associationId: id, token };
    await redis.redis.del(new StoreKeys(redis.prefix).runLease(id));
    expect((await leases.acquire(id, { jobId, token }, ttlMs)).outcome).not.toBe('busy');
    return fence;
  }

  it('gives the lease to one job at a time; the same job resumes it with a new token', async () => {
    const first = await leases.acquire(id, { jobId: 'job-1', token: 't1' }, 5_000);
    expect(first).toEqual({ outcome: 'acquired' });
    const other = await leases.acquire(id, { jobId: 'job-2', token: 't2' }, 5_000);
    expect(other.outcome).toBe('busy');
    expect(other.outcome === 'busy' && other.retryInMs).toBeGreaterThan(4_000);
    expect(await leases.acquire(id, { jobId: 'job-1', token: 't3' }, 5_000)).toEqual({ outcome: 'resumed' });
    expect(await leases.holds({ associationId: id, token: 't1' })).toBe(false);
    expect(await leases.extend({ associationId: id, token: 't1' }, 5_000)).toBe(false);
    expect(await leases.extend({ associationId: id, token: 't3' }, 5_000)).toBe(true);
    expect(await leases.release({ associationId: id, token: 't1' })).toBe(false);
    expect(await leases.release({ associationId: id, token: 't3' })).toBe(true);
    expect(await leases.acquire(id, { jobId: 'job-2', token: 't4' }, 5_000)).toEqual({ outcome: 'acquired' });
    await leases.release({ associationId: id, token: 't4' });
  });

  it('frees a lease nobody renews', async () => {
    await leases.acquire(id, { jobId: 'crashed', token: 'tc' }, 50);
    await sleep(80);
    expect(await leases.acquire(id, { jobId: 'next', token: 'tn' }, 5_000)).toEqual({ outcome: 'acquired' });
    await leases.release({ associationId: id, token: 'tn' });
  });

  it('records a ledger entry only while the lease is held, and never over a newer Vault version', async () => {
    const fence = await holdLease('job-a', 'ta');
    expect(await ledger.record(entry(3), fence)).toBe('written');
    expect(await ledger.record(entry(2, 'e'.repeat(64)), fence)).toBe('newer-recorded');
    expect(await ledger.record(entry(3, 'd'.repeat(64)), fence)).toBe('written');
    expect((await ledger.get(destination, 'VAULT_CI_TOKENS_NPM'))?.fingerprint).toBe('d'.repeat(64));

    const takeover = await holdLease('job-b', 'tb');
    expect(await ledger.record(entry(9), fence)).toBe('fenced');
    expect(await ledger.forget(destination, 'VAULT_CI_TOKENS_NPM', fence)).toBe('fenced');
    expect((await ledger.get(destination, 'VAULT_CI_TOKENS_NPM'))?.vaultVersion).toBe(3);
    expect(await ledger.forget(destination, 'VAULT_CI_TOKENS_NPM', takeover)).toBe('deleted');
    expect(await ledger.forget(destination, 'VAULT_CI_TOKENS_NPM', takeover)).toBe('absent');
  });

  it('refuses fenced status events and sub-key writes once the lease is lost', async () => {
    const fence = await holdLease('job-c', 'tc');
    const { association } = await associations.applyEvent(id, SyncEvent.QueueSync);
    expect((await associations.applyEvent(id, SyncEvent.StartSync, { fence })).outcome).toBe('applied');
    expect(await associations.setSubKey(id, 'npm', { status: SyncStatus.Syncing, updatedAt: 't' }, fence)).toBe(true);

    await holdLease('job-d', 'td');
    expect((await associations.applyEvent(id, SyncEvent.Succeed, { fence, expectedGeneration: association.generation })).outcome).toBe('superseded');
    expect(await associations.setSubKey(id, 'npm', { status: SyncStatus.Synced, updatedAt: 't' }, fence)).toBe(false);
    expect(await associations.removeSubKey(id, 'npm', fence)).toBe(false);
    const stored = await associations.get(id);
    expect(stored?.status).toBe(SyncStatus.Syncing);
    expect(stored?.subKeys['npm']?.status).toBe(SyncStatus.Syncing);
  });

  it('keeps a rewrite mark set after a run read it', async () => {
    const fence = await holdLease('job-e', 'te');
    const seen = await leases.markForRewrite(id);
    expect(await leases.rewriteMark(id)).toBe(seen);
    await leases.markForRewrite(id);
    expect(await leases.clearRewriteMark(id, seen, fence)).toBe(false);
    const latest = (await leases.rewriteMark(id)) ?? '';
    expect(await leases.clearRewriteMark(id, latest, { associationId: id, token: 'not-mine' })).toBe(false);
    expect(await leases.clearRewriteMark(id, latest, fence)).toBe(true);
    expect(await leases.rewriteMark(id)).toBeUndefined();
  });

  it('generates one installation id and keeps it', async () => {
    const ctx = { redis: redis.redis, prefix: redis.prefix };
    const [a, b] = await Promise.all([new InstallationRepository(ctx).id(), new InstallationRepository(ctx).id()]);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toBe(a);
  });
});
