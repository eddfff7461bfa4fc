import { ExistingObject, LedgerEntry, OwnershipMarks } from '@vault-sync/domain';
import { judgeDelete, judgeWrite } from './ownership';

const expected: OwnershipMarks = { destination: 'aws-sm/prod', source: 'kv_1/app/db', owner: 'install-1' };
const ours: ExistingObject = { name: 'vault/app/db', externalId: 'arn:1', marks: expected, pendingDeletion: false };
const ledgerEntry = (secretPath = 'app/db', externalId = 'arn:1'): LedgerEntry => ({
  destination: { type: 'aws-sm', name: 'prod' },
  externalName: 'vault/app/db',
  externalId,
  source: { mountAccessor: 'kv_1', secretPath },
  vaultVersion: 1,
  fingerprint: 'f',
  writtenAt: '2025-05-02T09:00:00.000Z',
});

describe('judgeWrite', () => {
  it('creates a free name and updates an object carrying our marks', () => {
    expect(judgeWrite({ existing: undefined, ledgerEntry: undefined, expected }, false)).toEqual({ kind: 'create' });
    expect(judgeWrite({ existing: ours, ledgerEntry: ledgerEntry(), expected }, false)).toEqual({ kind: 'ours' });
  });

  it('refuses an unmarked object, or one marked by another association or installation, unless adopting', () => {
    const unmarked = { ...ours, marks: {} };
    const otherInstallation = { ...ours, marks: { ...expected, owner: 'install-2' } };
    const otherSource = { ...ours, marks: { ...expected, source: 'kv_1/app/other' } };
    for (const existing of [unmarked, otherInstallation, otherSource]) {
      const verdict = judgeWrite({ existing, ledgerEntry: undefined, expected }, false);
      expect(verdict.kind).toBe('refuse');
      expect(judgeWrite({ existing, ledgerEntry: undefined, expected }, true)).toEqual({ kind: 'adopt' });
    }
    expect(judgeWrite({ existing: unmarked, ledgerEntry: undefined, expected }, false)).toMatchObject({
      reason: expect.stringContaining('carries no vault-sync ownership marks'),
    });
  });

  it('refuses a name another association of ours manages, even when adopting', () => {
    expect(judgeWrite({ existing: undefined, ledgerEntry: ledgerEntry('app/other'), expected }, true)).toMatchObject({
      kind: 'refuse',
      reason: expect.stringContaining('kv_1/app/other'),
    });
  });

  it('lets the ledger decide where the destination carries no marks, matching the object id', () => {
    const markless: ExistingObject = { name: 'VAULT_DB', pendingDeletion: false };
    expect(judgeWrite({ existing: markless, ledgerEntry: ledgerEntry(), expected }, false)).toEqual({ kind: 'ours' });
    expect(judgeWrite({ existing: markless, ledgerEntry: undefined, expected }, false).kind).toBe('refuse');
    const replaced = { ...markless, externalId: 'arn:2' };
    expect(judgeWrite({ existing: replaced, ledgerEntry: ledgerEntry(), expected }, false).kind).toBe('refuse');
  });
});

describe('judgeDelete', () => {
  it('deletes only what the ledger and the marks both say is ours', () => {
    expect(judgeDelete({ existing: ours, ledgerEntry: ledgerEntry(), expected })).toEqual({ kind: 'delete' });
    expect(judgeDelete({ existing: undefined, ledgerEntry: ledgerEntry(), expected })).toEqual({ kind: 'gone' });
    expect(judgeDelete({ existing: { ...ours, marks: {} }, ledgerEntry: ledgerEntry(), expected }).kind).toBe('leave');
    expect(judgeDelete({ existing: { ...ours, marks: { ...expected, source: 'kv_1/x' } }, ledgerEntry: ledgerEntry(), expected }).kind).toBe('leave');
    expect(judgeDelete({ existing: ours, ledgerEntry: undefined, expected }).kind).toBe('leave');
    expect(judgeDelete({ existing: { name: 'VAULT_DB', pendingDeletion: false }, ledgerEntry: ledgerEntry(), expected })).toEqual({ kind: 'delete' });
  });
});
