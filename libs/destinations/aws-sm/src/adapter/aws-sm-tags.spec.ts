import { decodeMarkValue, desiredTags, encodeMarkValue, marksFromTags, tagChanges } from './aws-sm-tags';

const MARKS = { destination: 'aws-sm/prod', source: 'kv_1234/app/db', owner: 'install-1' };

describe('aws-sm tags', () => {
  it('merges custom tags with the built-in tag and our marks, ours winning', () => {
    const tags = desiredTags({ marks: MARKS, customTags: { team: 'payments', 'vault-sync:owner': 'impostor', 'hashicorp:vault': 'x' } });
    expect(Object.fromEntries(tags.map((t) => [t.Key, t.Value]))).toEqual({
      team: 'payments',
      'hashicorp:vault': '',
      'vault-sync:destination': 'aws-sm/prod',
      'vault-sync:source': 'kv_1234/app/db',
      'vault-sync:owner': 'install-1',
    });
  });

  it('reads marks back from tags, and none from a secret nobody marked', () => {
    expect(marksFromTags(desiredTags({ marks: MARKS, customTags: {} }))).toEqual(MARKS);
    expect(marksFromTags([{ Key: 'team', Value: 'ops' }])).toEqual({});
    expect(marksFromTags([{ Key: 'vault-sync:owner', Value: 'other-install' }])).toEqual({ owner: 'other-install' });
  });

  it.each([
    ['kv_1234/app/db', 'kv_1234/app/db'],
    ['kv_1234/app#1/key,2', 'base64:'],
    ['base64:looks-encoded', 'base64:'],
    ['päth/ünïcode', 'päth/ünïcode'],
  ])('keeps a mark readable where AWS allows it, else encodes it reversibly: %s', (mark, expectedStart) => {
    const encoded = encodeMarkValue(mark);
    expect(encoded.startsWith(expectedStart)).toBe(true);
    expect(encoded).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u);
    expect(decodeMarkValue(encoded)).toBe(mark);
  });

  it('falls back to a hash for marks too long even for a tag value', () => {
    const long = `kv_1/${'a'.repeat(300)}`;
    const encoded = encodeMarkValue(long);
    expect(encoded).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(decodeMarkValue(encoded)).not.toBe(long);
    expect(encodeMarkValue(`kv_1/${'a'.repeat(250)}`)).toBe(`kv_1/${'a'.repeat(250)}`);
  });

  it('computes tag changes: changed or new tags set, foreign ones removed, aws: keys untouched', () => {
    const current = [
      { Key: 'team', Value: 'payments' },
      { Key: 'tier', Value: 'gold' },
      { Key: 'keep', Value: 'same' },
      { Key: 'aws:cloudformation:stack-name', Value: 'stack' },
    ];
    const desired = [
      { Key: 'team', Value: 'billing' },
      { Key: 'keep', Value: 'same' },
      { Key: 'env', Value: 'prod' },
    ];
    expect(tagChanges(current, desired)).toEqual({
      set: [
        { Key: 'team', Value: 'billing' },
        { Key: 'env', Value: 'prod' },
      ],
      remove: ['tier'],
    });
    expect(tagChanges(desired, desired)).toEqual({ set: [], remove: [] });
  });
});
