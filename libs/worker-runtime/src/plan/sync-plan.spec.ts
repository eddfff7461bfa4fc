import { ErrorCode, ExternalSecretPayload, LedgerEntry, fingerprint } from '@vault-sync/domain';
import { assertNotOlderThanSynced, ownedEntries, planSync, planUnsync, plannedCalls } from './sync-plan';

const secret = { mountAccessor: 'kv_1', secretPath: 'ci/tokens' };
const payload = (subKey: string, value: string): ExternalSecretPayload => ({ externalName: `VAULT_${subKey.toUpperCase()}`, subKey, value, fingerprint: fingerprint(value) });
const entry = (subKey: string, value: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({
  destination: { type: 'gh', name: 'ci' },
  externalName: `VAULT_${subKey.toUpperCase()}`,
  source: { ...secret, subKey },
  vaultVersion: 3,
  fingerprint: fingerprint(value),
  writtenAt: '2025-05-02T09:00:00.000Z',
  ...overrides,
});

describe('planSync', () => {
  it('writes changed and new keys, skips unchanged ones and deletes keys that disappeared', () => {
    const plan = planSync({
      desired: [payload('npm', 'new-npm'), payload('pypi', 'same'), payload('cargo', 'c')],
      owned: [entry('npm', 'old-npm'), entry('pypi', 'same'), entry('gone', 'x')],
      rewriteAll: false,
    });
    expect(plan.writes.map((p) => p.subKey)).toEqual(['npm', 'cargo']);
    expect(plan.unchanged.map((p) => p.subKey)).toEqual(['pypi']);
    expect(plan.deletes.map((e) => e.source.subKey)).toEqual(['gone']);
    expect(plannedCalls(plan)).toBe(6);
  });

  it('rewrites everything when the ledger cannot be trusted', () => {
    const plan = planSync({ desired: [payload('pypi', 'same')], owned: [entry('pypi', 'same')], rewriteAll: true });
    expect(plan.writes).toHaveLength(1);
    expect(plan.unchanged).toHaveLength(0);
  });

  it('deletes the old name and writes the new one after a template change', () => {
    const renamed = { ...payload('npm', 'v'), externalName: 'NEW_NPM' };
    const plan = planSync({ desired: [renamed], owned: [entry('npm', 'v')], rewriteAll: false });
    expect(plan.writes.map((p) => p.externalName)).toEqual(['NEW_NPM']);
    expect(plan.deletes.map((e) => e.externalName)).toEqual(['VAULT_NPM']);
  });

  it('unsyncs everything the association owns, and nothing else', () => {
    const ledger = [entry('npm', 'a'), { ...entry('other', 'b'), source: { mountAccessor: 'kv_1', secretPath: 'ci/tokens-2' } }];
    const owned = ownedEntries(secret, ledger);
    expect(owned.map((e) => e.externalName)).toEqual(['VAULT_NPM']);
    expect(planUnsync(owned)).toEqual({ writes: [], unchanged: [], deletes: owned });
    expect(plannedCalls(planUnsync([]))).toBe(0);
  });
});

describe('assertNotOlderThanSynced', () => {
  it('refuses a read older than a version already synced', () => {
    expect(() => assertNotOlderThanSynced({ version: 2, createdTime: '2025-05-02T08:00:00Z' }, [entry('npm', 'a')], 'ci/tokens')).toThrow(
      expect.objectContaining({ code: ErrorCode.VaultUnavailable, retryable: true }),
    );
  });

  it('accepts the same or a newer version, and a recreated secret whose numbering restarted', () => {
    expect(() => assertNotOlderThanSynced({ version: 3, createdTime: '2025-05-02T08:00:00Z' }, [entry('npm', 'a')], 'p')).not.toThrow();
    expect(() => assertNotOlderThanSynced({ version: 4, createdTime: '2025-05-02T08:00:00Z' }, [entry('npm', 'a')], 'p')).not.toThrow();
    expect(() => assertNotOlderThanSynced({ version: 1, createdTime: '2025-05-03T00:00:00Z' }, [entry('npm', 'a')], 'p')).not.toThrow();
  });
});
