import { EmulatorClock } from '../core/clock';
import { KeyVaultError } from './azure-kv.errors';
import { SecretStore, StoreTimings } from './azure-kv.store';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_DELAYS: StoreTimings = { retentionDays: 90, deletionDelayMs: 0, recoveryDelayMs: 0, purgeDelayMs: 0 };

function storeWith(timings: Partial<StoreTimings> = {}) {
  const clock = new EmulatorClock();
  return { clock, store: new SecretStore(clock, { ...NO_DELAYS, ...timings }) };
}

/** The wire error a store call throws: status, code and innererror code. */
function errorOf(action: () => unknown): { status: number; code: string; innerCode?: string; message: string } {
  try {
    action();
  } catch (error) {
    if (error instanceof KeyVaultError) return { status: error.status, code: error.code, innerCode: error.innerCode, message: error.message };
    throw error;
  }
  throw new Error('expected a Key Vault error');
}

describe('SecretStore', () => {
  it('adds a version per set, with its own tags and content type; names ignore case but keep their first spelling', () => {
    const { store } = storeWith();
    const first = store.set('Db-Password', { value: 'v1', tags: { owner: 'sync' }, contentType: 'text/plain' }).version;
    const second = store.set('db-password', { value: 'v2' }).version;
    expect(first.version).toMatch(/^[0-9a-f]{32}$/);
    expect(second.version).not.toBe(first.version);
    const latest = store.get('DB-PASSWORD');
    expect(latest.secret.name).toBe('Db-Password');
    expect(latest.version).toMatchObject({ value: 'v2', enabled: true, tags: undefined, contentType: undefined });
    expect(store.get('db-password', first.version).version).toMatchObject({ value: 'v1', tags: { owner: 'sync' } });
    expect(errorOf(() => store.get('db-password', 'f'.repeat(32)))).toMatchObject({ status: 404, code: 'SecretNotFound' });
  });

  it('updates properties of one version and its updated time, and refuses to read a disabled version', () => {
    const { store, clock } = storeWith();
    const { version } = store.set('a', { value: 'v1', tags: { x: '1' } });
    clock.advance(5_000);
    store.update('a', '', { enabled: false, tags: { y: '2' } });
    expect(store.versions('a').versions[0]).toMatchObject({ enabled: false, tags: { y: '2' }, updated: version.created + 5 });
    expect(errorOf(() => store.get('a'))).toEqual({ status: 403, code: 'Forbidden', innerCode: 'SecretDisabled', message: 'Operation get is not allowed on a disabled secret.' });
  });

  it('soft-deletes: the name conflicts until it is recovered or purged, and is purged on its scheduled date', () => {
    const { store, clock } = storeWith({ retentionDays: 7 });
    store.set('a', { value: 'v1' });
    const { deletion } = store.delete('a');
    expect(deletion).toEqual({ deletedDate: expect.any(Number), scheduledPurgeDate: (deletion?.deletedDate ?? 0) + 7 * 24 * 60 * 60 });
    expect(errorOf(() => store.get('a'))).toMatchObject({ status: 404, code: 'SecretNotFound' });
    expect(errorOf(() => store.set('a', { value: 'v2' }))).toMatchObject({ status: 409, code: 'Conflict', innerCode: 'ObjectIsDeletedButRecoverable' });
    expect(store.listDeleted().map((s) => s.name)).toEqual(['a']);

    store.recover('a');
    expect(store.get('a').version.value).toBe('v1');
    store.delete('a');
    store.purge('a');
    expect(errorOf(() => store.getDeleted('a'))).toMatchObject({ status: 404, code: 'SecretNotFound', message: 'Deleted Secret not found' });
    expect(store.set('a', { value: 'fresh' }).secret.versions).toHaveLength(1);

    store.delete('a');
    clock.advance(7 * DAY_MS);
    expect(store.listDeleted()).toEqual([]);
    expect(store.set('a', { value: 'after purge date' }).secret.versions).toHaveLength(1);
  });

  it('keeps a delete in progress for the deletion delay: invisible on both surfaces, the name answers ObjectIsBeingDeleted', () => {
    const { store, clock } = storeWith({ deletionDelayMs: 1_000 });
    store.set('a', { value: 'v1' });
    store.delete('a');
    expect(errorOf(() => store.getDeleted('a'))).toMatchObject({ status: 404 });
    expect(errorOf(() => store.set('a', { value: 'v2' }))).toMatchObject({ status: 409, innerCode: 'ObjectIsBeingDeleted' });
    expect(errorOf(() => store.purge('a'))).toMatchObject({ status: 409, innerCode: 'ObjectIsBeingDeleted' });
    clock.advance(1_000);
    expect(store.getDeleted('a').name).toBe('a');
  });

  it('keeps a recover in progress for the recovery delay: GET answers 404, set and delete answer ObjectIsBeingRecovered', () => {
    const { store, clock } = storeWith({ recoveryDelayMs: 1_000 });
    store.set('a', { value: 'v1' });
    store.delete('a');
    store.recover('a');
    expect(errorOf(() => store.get('a'))).toMatchObject({ status: 404, code: 'SecretNotFound' });
    expect(errorOf(() => store.set('a', { value: 'v2' }))).toMatchObject({ status: 409, innerCode: 'ObjectIsBeingRecovered' });
    expect(errorOf(() => store.delete('a'))).toMatchObject({ status: 409, innerCode: 'ObjectIsBeingRecovered' });
    expect(store.list()).toEqual([]);
    clock.advance(1_000);
    expect(store.get('a').version.value).toBe('v1');
  });

  it('refuses to re-create a purged name during the purge delay', () => {
    const { store, clock } = storeWith({ purgeDelayMs: 2_000 });
    store.set('a', { value: 'v1' });
    store.delete('a');
    store.purge('a');
    expect(errorOf(() => store.set('A', { value: 'v2' }))).toMatchObject({ status: 409, innerCode: 'ObjectIsBeingDeleted' });
    expect(store.state().purging).toEqual([{ name: 'a', untilMs: expect.any(Number) }]);
    clock.advance(2_000);
    expect(store.set('a', { value: 'v2' }).version.value).toBe('v2');
  });

  it('answers recover and purge of a name that is not soft-deleted with 404, and delete of an unknown name with 404', () => {
    const { store } = storeWith();
    store.set('live', { value: 'v' });
    expect(errorOf(() => store.recover('live'))).toMatchObject({ status: 404, code: 'SecretNotFound' });
    expect(errorOf(() => store.purge('nothing'))).toMatchObject({ status: 404, code: 'SecretNotFound' });
    expect(errorOf(() => store.delete('nothing'))).toMatchObject({ status: 404, code: 'SecretNotFound' });
  });

  it('lists live secrets by name regardless of case, and exposes a detached copy of everything as state', () => {
    const { store } = storeWith();
    store.set('b', { value: '2' });
    store.set('A', { value: '1' });
    store.set('gone', { value: '3' });
    store.delete('gone');
    expect(store.list().map((s) => s.name)).toEqual(['A', 'b']);
    const state = store.state();
    expect(state.secrets.map((s) => [s.name, s.versions[0].value, Boolean(s.deletion)])).toEqual([['A', '1', false], ['b', '2', false], ['gone', '3', true]]);
    state.secrets[0].versions[0].value = 'changed';
    expect(store.get('a').version.value).toBe('1');
    store.reset();
    expect(store.state()).toEqual({ secrets: [], purging: [] });
  });
});
