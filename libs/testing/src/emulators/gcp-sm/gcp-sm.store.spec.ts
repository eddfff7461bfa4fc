import { status } from '@grpc/grpc-js';
import { GcpSmError } from './gcp-sm.errors';
import { SecretManagerStore } from './gcp-sm.store';
import { SecretFields } from './gcp-sm.types';

const NAME = 'projects/p/secrets/s';
const fields = (extra: Partial<SecretFields> = {}): SecretFields => ({ labels: {}, annotations: {}, topics: [], versionAliases: {}, replication: { automatic: {} }, ...extra });
const payload = (value: string) => ({ data: Buffer.from(value), crc32c: 0, checksummed: false });
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as GcpSmError).code;
  }
  return undefined;
};

describe('SecretManagerStore', () => {
  let nowMs: number;
  let store: SecretManagerStore;
  beforeEach(() => {
    nowMs = 1_000_000;
    store = new SecretManagerStore(() => nowMs);
  });

  it('gives each change a new quoted etag; version changes leave the secret etag alone', () => {
    const created = { ...store.create(NAME, fields()) };
    const { version } = store.addVersion(NAME, payload('a'));
    expect(store.get(NAME).etag).toBe(created.etag);
    const versionEtag = version.etag;
    store.changeVersion(NAME, '1', 'enable', undefined);
    expect(version.etag).not.toBe(versionEtag);
    expect(store.get(NAME).etag).toBe(created.etag);
    const updated = store.update(NAME, { labels: { a: 'b' } }, created.etag);
    expect(updated.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(updated.etag).not.toBe(created.etag);
    expect(codeOf(() => store.delete(NAME, created.etag))).toBe(status.FAILED_PRECONDITION);
  });

  it('resolves latest to the newest version even when it is disabled', () => {
    store.create(NAME, fields());
    store.addVersion(NAME, payload('a'));
    store.addVersion(NAME, payload('b'));
    store.changeVersion(NAME, '2', 'disable', undefined);
    expect(store.version(NAME, 'latest').version.id).toBe(2);
    expect(codeOf(() => store.access(NAME, 'latest'))).toBe(status.FAILED_PRECONDITION);
    expect(store.access(NAME, '1').data.toString()).toBe('a');
  });

  it('deletes an expired secret when next looked at', () => {
    store.create(NAME, fields({ expireTimeMs: nowMs + 1_000 }));
    expect(store.list('projects/p')).toHaveLength(1);
    nowMs += 1_000;
    expect(store.list('projects/p')).toHaveLength(0);
    expect(codeOf(() => store.get(NAME))).toBe(status.NOT_FOUND);
  });

  it('destroys a version scheduled by the destroy TTL when its time comes, and enabling cancels that', () => {
    store.create(NAME, fields({ versionDestroyTtlMs: 10_000 }));
    store.addVersion(NAME, payload('a'));
    store.addVersion(NAME, payload('b'));
    store.changeVersion(NAME, '1', 'destroy', undefined);
    store.changeVersion(NAME, '2', 'destroy', undefined);
    store.changeVersion(NAME, '2', 'enable', undefined);
    nowMs += 10_000;
    expect(store.version(NAME, '1').version).toMatchObject({ state: 'DESTROYED', data: undefined, destroyTimeMs: 1_010_000 });
    expect(store.version(NAME, '2').version).toMatchObject({ state: 'ENABLED', scheduledDestroyTimeMs: undefined });
  });

  it('shows values in its state and forgets everything on reset', () => {
    store.create(NAME, fields());
    store.addVersion(NAME, payload('plain'));
    expect(store.state()).toMatchObject([{ name: NAME, versions: [{ id: 1, value: 'plain', dataBase64: Buffer.from('plain').toString('base64') }] }]);
    store.reset();
    expect(store.state()).toEqual([]);
  });
});
