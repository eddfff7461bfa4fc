import { KvV2Store } from './vault.kv2.store';
import { VaultClock } from './vault.time';

describe('KvV2Store', () => {
  let clock: VaultClock;
  let store: KvV2Store;
  beforeEach(() => {
    clock = new VaultClock();
    store = new KvV2Store(clock);
  });

  const versionsOf = (path: string) => Object.keys((store.readMetadata(path)?.['versions'] ?? {}) as object);

  it('prunes versions past max_versions, oldest first, and moves oldest_version', () => {
    store.writeMetadata('a', { maxVersions: 2 });
    for (const n of [1, 2, 3, 4]) store.write('a', { n }, undefined);
    expect(versionsOf('a')).toEqual(['3', '4']);
    expect(store.readMetadata('a')).toMatchObject({ current_version: 4, oldest_version: 3 });
    expect(store.read('a', 2)).toEqual({ kind: 'not-found' });
  });

  it('keeps 10 versions by default and reports oldest_version 0 until the first prune', () => {
    for (let n = 1; n <= 10; n++) store.write('b', { n }, undefined);
    expect(store.readMetadata('b')).toMatchObject({ oldest_version: 0, max_versions: 0 });
    store.write('b', { n: 11 }, undefined);
    expect(versionsOf('b')).toHaveLength(10);
    expect(store.readMetadata('b')).toMatchObject({ oldest_version: 2 });
  });

  it('enforces check-and-set from the secret or the mount config', () => {
    expect(store.write('c', { v: 1 }, 1)).toEqual({ kind: 'cas-error', message: 'check-and-set parameter did not match the current version' });
    expect(store.write('c', { v: 1 }, 0).kind).toBe('written');
    store.config.casRequired = true;
    expect(store.write('c', { v: 2 }, undefined)).toEqual({ kind: 'cas-error', message: 'check-and-set parameter required for this call' });
    expect(store.write('c', { v: 2 }, 1).kind).toBe('written');
  });

  it('deletes versions lazily when delete_version_after passes, and undelete re-arms the timer', () => {
    store.writeMetadata('d', { deleteVersionAfterNs: 60_000_000_000n });
    store.write('d', { v: 1 }, undefined);
    expect(store.read('d').kind).toBe('found');
    clock.advance(60_001);
    const gone = store.read('d');
    expect(gone.kind).toBe('gone');
    store.undelete('d', [1]);
    expect(store.read('d').kind).toBe('found');
    clock.advance(60_001);
    expect(store.read('d').kind).toBe('gone');
  });

  it('merges patches onto the live current version only', () => {
    expect(store.patch('e', { a: 1 }, undefined)).toEqual({ kind: 'not-found' });
    store.write('e', { a: 1, b: { c: 2, d: 3 } }, undefined);
    store.patch('e', { a: null, b: { d: null, e: 4 } }, undefined);
    expect(store.read('e')).toMatchObject({ kind: 'found', data: { b: { c: 2, e: 4 } } });
    store.deleteLatest('e');
    expect(store.patch('e', { x: 1 }, undefined)).toEqual({ kind: 'not-found' });
  });

  it('shows subkeys to a given depth and lists immediate children', () => {
    store.write('app/db', { user: 'u', nested: { a: { b: 1 } } }, undefined);
    store.writeMetadata('app/cache/redis', {});
    expect(store.subkeys('app/db', undefined, 0)).toMatchObject({ data: { user: null, nested: { a: { b: null } } } });
    expect(store.subkeys('app/db', undefined, 1)).toMatchObject({ data: { user: null, nested: null } });
    expect(store.list('')).toEqual(['app/']);
    expect(store.list('app/')).toEqual(['cache/', 'db']);
  });
});
