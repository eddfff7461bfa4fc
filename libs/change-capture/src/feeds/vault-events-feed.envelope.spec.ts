import { decodeVaultEvent } from './vault-events-feed.envelope';

/** Constructed after spec vault-sync-api §11.5: a write in namespace `team-a/`. */
function envelope(eventType: string, metadata: Record<string, string>, extra: Record<string, unknown> = {}) {
  return {
    id: '5f0c2d9e-3b7a-4c1f-a0e2-7d41c9b6a812',
    source: 'vault://vault-node-1',
    specversion: '1.0',
    type: '*',
    datacontentype: 'application/cloudevents',
    time: '2025-05-02T09:14:03.118204Z',
    data: {
      event: { id: '5f0c2d9e-3b7a-4c1f-a0e2-7d41c9b6a812', metadata: { operation: eventType.split('/')[1], modified: 'true', ...metadata } },
      namespace: 'team-a/',
      event_type: eventType,
      plugin_info: { mount_class: 'secret', mount_accessor: 'kv_9c1e44b2', mount_path: 'apps/', plugin: 'kv', version: '2' },
      ...extra,
    },
  };
}

const decode = (value: unknown) => decodeVaultEvent(typeof value === 'string' ? value : JSON.stringify(value));

describe('decodeVaultEvent', () => {
  it('turns a data-write into a write of the secret, with the version it created', () => {
    const frame = envelope('kv-v2/data-write', { path: 'apps/data/billing/db', data_path: 'apps/data/billing/db', current_version: '7', oldest_version: '1' });
    expect(decode(frame)).toEqual({
      kind: 'change',
      change: {
        kind: 'secret',
        mountAccessor: 'kv_9c1e44b2',
        mountPath: 'apps/',
        secretPath: 'billing/db',
        operation: 'write',
        observedVersion: 7,
        namespace: 'team-a/',
        requestId: '5f0c2d9e-3b7a-4c1f-a0e2-7d41c9b6a812',
        time: '2025-05-02T09:14:03.118204Z',
      },
    });
  });

  it.each([
    ['kv-v2/data-patch', 'apps/data/x', 'patch'],
    ['kv-v2/data-delete', 'apps/data/x', 'delete'],
    ['kv-v2/metadata-write', 'apps/metadata/x', 'metadata-write'],
    ['kv-v2/metadata-patch', 'apps/metadata/x', 'metadata-write'],
    ['kv-v2/metadata-delete', 'apps/metadata/x', 'metadata-delete'],
  ])('maps %s on %s to %s', (eventType, path, operation) => {
    expect(decode(envelope(eventType, { path }))).toMatchObject({ kind: 'change', change: { secretPath: 'x', operation } });
  });

  it('reads the versions a delete, undelete or destroy named from their JSON-in-a-string metadata', () => {
    expect(decode(envelope('kv-v2/delete', { path: 'apps/delete/a/b', deleted_versions: '[1,2]', current_version: '2' }))).toMatchObject({
      change: { secretPath: 'a/b', operation: 'delete', versions: [1, 2] },
    });
    expect(decode(envelope('kv-v2/undelete', { path: 'apps/undelete/a', undeleted_versions: '[3]' }))).toMatchObject({ change: { operation: 'undelete', versions: [3] } });
    const destroyed = decode(envelope('kv-v2/destroy', { path: 'apps/destroy/a', destroyed_versions: 'not json' }));
    expect(destroyed).toMatchObject({ change: { operation: 'destroy' } });
    expect(destroyed.kind === 'change' && destroyed.change.versions).toBeUndefined();
  });

  it('keeps nested mounts whole and omits the namespace in the root namespace', () => {
    const frame = envelope('kv-v2/data-write', { path: 'team/kv/data/app' }, { namespace: '', plugin_info: { mount_accessor: 'kv_2', mount_path: 'team/kv/' } });
    expect(decode(frame)).toEqual({ kind: 'change', change: expect.not.objectContaining({ namespace: expect.anything() }) });
    expect(decode(frame)).toMatchObject({ change: { mountPath: 'team/kv/', secretPath: 'app' } });
  });

  it('ignores event types that change no KV v2 secret', () => {
    expect(decode(envelope('kv-v2/config-write', { path: 'apps/config' }))).toEqual({ kind: 'ignored' });
    expect(decode(envelope('database/rotate', { path: 'db/rotate-role/x' }))).toEqual({ kind: 'ignored' });
  });

  it.each([
    ['not JSON', '{"id":'],
    ['not an envelope', { hello: 'world' }],
    ['a non-string metadata value', envelope('kv-v2/data-write', { path: 'apps/data/x' }, { event: { metadata: { path: 'apps/data/x', current_version: 7 } } })],
    ['no plugin info', envelope('kv-v2/data-write', { path: 'apps/data/x' }, { plugin_info: undefined })],
    ['a path outside the mount', envelope('kv-v2/data-write', { path: 'other/data/x' })],
    ['a folder path', envelope('kv-v2/data-write', { path: 'apps/data/x/' })],
    ['an unknown path kind', envelope('kv-v2/data-write', { path: 'apps/subkeys/x' })],
  ])('reports %s as malformed', (_name, frame) => {
    expect(decode(frame)).toEqual({ kind: 'malformed' });
  });
});
