import { StoreKeys } from './keys';

/** The slot-determining part of a key, as Redis Cluster computes it. */
function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

describe('StoreKeys', () => {
  const keys = new StoreKeys('vsync');
  const destination = { type: 'gh', name: 'ci-repo' } as const;
  const secret = { mountAccessor: 'kv_1a2b3c4d', secretPath: 'app/db' };
  const id = 'gh/ci-repo/kv_1a2b3c4d/app/db';
  const allKeys = [
    keys.config(),
    keys.destinationIndex('gh'),
    keys.destination(destination),
    keys.destinationAssociations(destination),
    keys.association(id),
    keys.associationSubKeys(id),
    keys.secretAssociations(secret),
    keys.ledger(destination),
    keys.runLease(id),
    keys.rewriteMark(id),
    keys.installation(),
    keys.githubAppIndex(),
    keys.githubApp('acme-sync'),
    keys.activationFlags(),
  ];

  it('puts every key in the one hash tag of the prefix, so multi-key writes stay in one cluster slot', () => {
    expect(allKeys.map(hashTagOf)).toEqual(allKeys.map(() => 'vsync'));
    expect(allKeys.every((key) => key.startsWith('{vsync}:'))).toBe(true);
  });

  it('gives every kind of record a distinct key', () => {
    expect(new Set(allKeys).size).toBe(allKeys.length);
  });

  it('cannot confuse an association with the sub keys of another, whatever its path holds', () => {
    expect(keys.association(`${id}:sub-keys`)).not.toBe(keys.associationSubKeys(id));
    expect(keys.association(id)).not.toBe(keys.destinationAssociations(destination));
  });

  it('names keys by type, name, accessor and path', () => {
    expect(keys.destination(destination)).toBe('{vsync}:destination:gh/ci-repo');
    expect(keys.secretAssociations(secret)).toBe('{vsync}:secret-associations:kv_1a2b3c4d/app/db');
  });

  it('defaults the prefix to vsync and honours another one', () => {
    expect(new StoreKeys().config()).toBe('{vsync}:config');
    expect(new StoreKeys('prod-eu').config()).toBe('{prod-eu}:config');
  });

  it.each(['', 'a}b', '{x', 'has space', 'a:b'])('refuses the prefix %j, which would break the hash tag or the layout', (prefix) => {
    expect(() => new StoreKeys(prefix)).toThrow(/invalid store key prefix/);
  });
});
