import { desiredTags, encodeMarkValue, marksFromTags } from './azure-kv-tags';

const MARKS = { destination: 'azure-kv/prod', source: 'kv_1234/app/db', owner: 'install-1' };

describe('azure-kv tags', () => {
  it('merges custom tags with the built-in tag and our marks, ours winning', () => {
    expect(desiredTags({ marks: MARKS, customTags: { team: 'payments', 'vault-sync-owner': 'impostor', 'hashicorp:vault': 'x' } })).toEqual({
      team: 'payments',
      'hashicorp:vault': '',
      'vault-sync-destination': 'azure-kv/prod',
      'vault-sync-source': 'kv_1234/app/db',
      'vault-sync-owner': 'install-1',
    });
  });

  it('reads marks back from tags, and none from a secret nobody marked', () => {
    expect(marksFromTags(desiredTags({ marks: MARKS, customTags: {} }))).toEqual(MARKS);
    expect(marksFromTags({ team: 'ops' })).toEqual({});
    expect(marksFromTags(undefined)).toEqual({});
    expect(marksFromTags({ 'vault-sync-owner': 'other-install' })).toEqual({ owner: 'other-install' });
  });

  it('keeps marks up to 256 characters readable and hashes longer ones', () => {
    const fits = `kv_1/${'a'.repeat(251)}`;
    expect(encodeMarkValue(fits)).toBe(fits);
    const long = `${fits}b`;
    expect(encodeMarkValue(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(encodeMarkValue(long)).not.toBe(encodeMarkValue(`${fits}c`));
  });

  it('hashes a mark that looks hashed, so it cannot pose as one', () => {
    expect(encodeMarkValue('sha256:abc')).not.toBe('sha256:abc');
  });
});
