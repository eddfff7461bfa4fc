import { PASSWORD_HMAC, responseEntry, WRITE_REQUEST, WRITE_REQUEST_ID, WRITE_RESPONSE } from './__fixtures__/audit-entries';
import { classifyAuditEntry } from './classify-audit-entry';
import { KnownMount } from './mount-resolver';

const ORIGIN = { requestId: WRITE_REQUEST_ID, time: '2025-11-04T10:15:22.487112930Z' };
const SECRET = { kind: 'secret', mountAccessor: 'kv_3fa85f64', mountPath: 'secret/', secretPath: 'app/db', ...ORIGIN };

describe('classifyAuditEntry', () => {
  describe('spec §2.7 examples', () => {
    it('turns the write response entry into a write of the new version, references only', () => {
      expect(classifyAuditEntry(WRITE_RESPONSE)).toEqual({ ...SECRET, operation: 'write', observedVersion: 4 });
    });

    it('never copies request or response values into the change', () => {
      const text = JSON.stringify(classifyAuditEntry(WRITE_RESPONSE));
      expect(text).not.toContain('hmac-sha256');
      expect(text).not.toContain('password');
      expect(text).not.toContain(PASSWORD_HMAC);
    });

    it('ignores the request entry: the write has not happened yet (spec §6 item 1)', () => {
      expect(classifyAuditEntry(WRITE_REQUEST)).toBeUndefined();
    });
  });

  describe('every mutating KV v2 operation of the §3.1 table', () => {
    it.each([
      ['first write', 'secret/data/app/db', 'create', 'write'],
      ['later write', 'secret/data/app/db', 'update', 'write'],
      ['patch', 'secret/data/app/db', 'patch', 'patch'],
      ['soft delete of the latest version', 'secret/data/app/db', 'delete', 'delete'],
      ['delete of versions', 'secret/delete/app/db', 'update', 'delete'],
      ['undelete', 'secret/undelete/app/db', 'update', 'undelete'],
      ['destroy', 'secret/destroy/app/db', 'update', 'destroy'],
      ['metadata create', 'secret/metadata/app/db', 'create', 'metadata-write'],
      ['metadata update', 'secret/metadata/app/db', 'update', 'metadata-write'],
      ['metadata patch', 'secret/metadata/app/db', 'patch', 'metadata-write'],
      ['metadata delete', 'secret/metadata/app/db', 'delete', 'metadata-delete'],
    ])('%s (%s, %s) → %s', (_name, path, operation, expected) => {
      expect(classifyAuditEntry(responseEntry({ path, operation }))).toEqual({ ...SECRET, operation: expected });
    });

    it.each(['delete', 'undelete', 'destroy'])('keeps clear version numbers of %s/', (kind) => {
      const entry = responseEntry({ path: `secret/${kind}/app/db`, operation: 'update', data: { versions: [1, 3] } });
      expect(classifyAuditEntry(entry)).toMatchObject({ secretPath: 'app/db', versions: [1, 3] });
    });

    it('omits versions that Vault logged HMAC-ed (spec §2.5, unconfirmed either way)', () => {
      const entry = responseEntry({ path: 'secret/destroy/app/db', operation: 'update', data: { versions: ['hmac-sha256:aa', 'hmac-sha256:bb'] } });
      expect(classifyAuditEntry(entry)).toEqual({ ...SECRET, operation: 'destroy' });
    });

    it('does not read versions from a data write body', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'update', data: { versions: [7] } });
      expect(classifyAuditEntry(entry)).not.toHaveProperty('versions');
    });

    it('keeps the whole secret path, slashes and case included', () => {
      const entry = responseEntry({ path: 'secret/data/Team/App/DB', operation: 'update' });
      expect(classifyAuditEntry(entry)).toMatchObject({ secretPath: 'Team/App/DB' });
    });

    it('splits at the logged mount point, never at the first slash: nested mounts', () => {
      const entry = responseEntry({ path: 'team/kv/data/app/db', operation: 'update', request: { mount_point: 'team/kv/', mount_accessor: 'kv_nested' } });
      expect(classifyAuditEntry(entry)).toMatchObject({ mountPath: 'team/kv/', mountAccessor: 'kv_nested', secretPath: 'app/db' });
    });
  });

  describe('entries that change no secret', () => {
    it.each([
      ['data read', 'secret/data/app/db', 'read'],
      ['metadata read', 'secret/metadata/app/db', 'read'],
      ['metadata list', 'secret/metadata/app/', 'list'],
      ['OpenBao scan', 'secret/detailed-metadata/', 'scan'],
      ['subkeys read', 'secret/subkeys/app/db', 'read'],
      ['mount config', 'secret/config', 'update'],
      ['delete/ with a DELETE verb (no such route)', 'secret/delete/app/db', 'delete'],
      ['a folder path', 'secret/metadata/app/', 'delete'],
      ['an empty secret path', 'secret/data/', 'update'],
      ['an unknown kind', 'secret/archive/app/db', 'update'],
      ['a path outside the logged mount', 'other/data/app/db', 'update'],
    ])('%s', (_name, path, operation) => {
      expect(classifyAuditEntry(responseEntry({ path, operation }))).toBeUndefined();
    });

    it.each([
      ['pki', 'pki/issue/web', 'pki/'],
      ['transit', 'transit/encrypt/app', 'transit/'],
      ['cubbyhole', 'cubbyhole/data/x', 'cubbyhole/'],
    ])('another engine: %s', (mountType, path, mountPoint) => {
      const entry = responseEntry({ path, operation: 'update', request: { mount_type: mountType, mount_point: mountPoint } });
      expect(classifyAuditEntry(entry)).toBeUndefined();
    });

    it('a KV v1 write (no kind segment)', () => {
      const entry = responseEntry({ path: 'kv1/app/db', operation: 'update', request: { mount_point: 'kv1/' } });
      expect(classifyAuditEntry(entry)).toBeUndefined();
    });

    it('a KV v1 secret named data/x, when the mount table says the mount is v1', () => {
      const entry = responseEntry({ path: 'kv1/data/x', operation: 'update', request: { mount_point: 'kv1/' } });
      const resolveMount = (): KnownMount => ({ path: 'kv1/', accessor: 'kv_3fa85f64', isKvV2: false });
      expect(classifyAuditEntry(entry, { resolveMount })).toBeUndefined();
      expect(classifyAuditEntry(entry)).toMatchObject({ secretPath: 'x' });
    });

    it('the enable-time test probe (spec §6 item 12)', () => {
      const probe = { time: '2025-11-04T10:00:00Z', request: { id: 'p-1', namespace: { id: 'root' }, operation: 'update', path: 'sys/audit/test' }, type: 'request' };
      expect(classifyAuditEntry(probe)).toBeUndefined();
      expect(classifyAuditEntry({ ...probe, type: 'response' })).toBeUndefined();
    });

    it('types other than "response", matched exactly', () => {
      for (const type of ['kmip-response', 'Response', 'request']) expect(classifyAuditEntry({ ...WRITE_RESPONSE, type })).toBeUndefined();
    });

    it.each([null, undefined, 'text', 42, [], {}, { type: 'response' }, { type: 'response', time: 't', request: { path: 'secret/data/a' } }])(
      'input that is not an audit entry: %p',
      (input) => {
        expect(classifyAuditEntry(input)).toBeUndefined();
      },
    );
  });

  describe('the success test (spec §3.3)', () => {
    it('ignores a CAS failure: outer error and an HMAC-ed error body', () => {
      const entry = responseEntry({
        path: 'secret/data/app/db',
        operation: 'update',
        response: { data: { error: 'hmac-sha256:cc' }, mount_accessor: 'kv_3fa85f64' },
        top: { error: '1 error occurred:\n\t* invalid request\n\n' },
      });
      expect(classifyAuditEntry(entry)).toBeUndefined();
    });

    it('ignores an outer error alone (permission denied)', () => {
      expect(classifyAuditEntry(responseEntry({ path: 'secret/data/app/db', operation: 'update', top: { error: 'permission denied' } }))).toBeUndefined();
    });

    it('ignores an error body alone', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'update', response: { data: { error: 'hmac-sha256:cc' } } });
      expect(classifyAuditEntry(entry)).toBeUndefined();
    });

    it('accepts an empty outer error string, as Go omits it', () => {
      expect(classifyAuditEntry(responseEntry({ path: 'secret/data/app/db', operation: 'delete', top: { error: '' } }))).toMatchObject({ operation: 'delete' });
    });
  });

  describe('version notes (spec §2.6, §2.7 variants)', () => {
    it('current Vault soft delete: no response object at all', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'delete', response: null });
      expect(classifyAuditEntry(entry)).toEqual({ ...SECRET, operation: 'delete' });
    });

    it('OpenBao / older Vault: key order time, type, auth, request, response, error, forwarded; response stub without data', () => {
      const base = responseEntry({ path: 'secret/data/app/db', operation: 'delete' });
      const older = { time: base['time'], type: 'response', auth: base['auth'], request: base['request'], response: base['response'], forwarded: false };
      expect(Object.keys(older)[1]).toBe('type');
      expect(classifyAuditEntry(older)).toEqual({ ...SECRET, operation: 'delete' });
    });

    it('takes the accessor from the response block when the request lacks it', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'update', request: { mount_accessor: undefined }, response: { mount_accessor: 'kv_from_response' } });
      expect(classifyAuditEntry(entry)).toMatchObject({ mountAccessor: 'kv_from_response' });
    });

    it('Vault before 1.11 (no accessor anywhere) needs the mount table', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'update', request: { mount_accessor: undefined }, response: null });
      expect(classifyAuditEntry(entry)).toBeUndefined();
      const resolveMount = (): KnownMount => ({ path: 'secret/', accessor: 'kv_from_table', isKvV2: true });
      expect(classifyAuditEntry(entry, { resolveMount })).toMatchObject({ mountAccessor: 'kv_from_table', secretPath: 'app/db' });
    });

    it('Vault before 1.13.3 (no mount_point) resolves the mount by longest prefix through the resolver', () => {
      const entry = responseEntry({ path: 'team/kv/data/app/db', operation: 'update', request: { mount_point: undefined, mount_accessor: 'kv_nested' } });
      const resolveMount = jest.fn((_ns: string, path: string): KnownMount | undefined => (path.startsWith('team/kv/') ? { path: 'team/kv/', accessor: 'kv_nested', isKvV2: true } : undefined));
      expect(classifyAuditEntry(entry)).toBeUndefined();
      expect(classifyAuditEntry(entry, { resolveMount })).toMatchObject({ mountPath: 'team/kv/', secretPath: 'app/db' });
      expect(resolveMount).toHaveBeenCalledWith('', 'team/kv/data/app/db');
    });

    it('Vault before 1.5 (no mount_type) is a KV change only when the mount table confirms it', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'update', request: { mount_type: undefined } });
      expect(classifyAuditEntry(entry)).toBeUndefined();
      const resolveMount = (): KnownMount => ({ path: 'secret/', accessor: 'kv_3fa85f64', isKvV2: true });
      expect(classifyAuditEntry(entry, { resolveMount })).toMatchObject({ operation: 'write' });
    });

    it('tolerates unknown fields and optional fields of an unexpected type', () => {
      const entry = responseEntry({
        path: 'secret/data/app/db',
        operation: 'update',
        request: { namespace: 'root', supplemental_audit_data: { x: 1 }, mount_running_sha256: 'abc' },
        response: { data: { version: 'hmac-sha256:dd' }, mount_running_plugin_version: 'v2.6.2+builtin.bao' },
        top: { forwarded_from: '10.0.0.2:8201', forwarded: true },
      });
      expect(classifyAuditEntry(entry)).toEqual({ ...SECRET, operation: 'write' });
    });

    it('carries the namespace path of an Enterprise / OpenBao namespace; paths stay namespace-relative', () => {
      const entry = responseEntry({ path: 'secret/data/app/db', operation: 'update', request: { namespace: { id: 'Hq2Sn', path: 'team-a/' } } });
      expect(classifyAuditEntry(entry)).toEqual({ ...SECRET, operation: 'write', namespace: 'team-a/' });
    });

    it('passes the namespace to the mount resolver', () => {
      const resolveMount = jest.fn((): KnownMount | undefined => undefined);
      classifyAuditEntry(responseEntry({ path: 'secret/data/app/db', operation: 'update', request: { namespace: { id: 'Hq2Sn', path: 'team-a/' } } }), { resolveMount });
      expect(resolveMount).toHaveBeenCalledWith('team-a/', 'secret/data/app/db');
    });
  });

  describe('mount-level changes (spec §3.5)', () => {
    const sys = (path: string, operation: string) =>
      responseEntry({ path, operation, request: { mount_point: 'sys/', mount_type: 'system', mount_accessor: 'system_1' }, response: null });

    it.each([
      ['sys/mounts/team/kv', 'delete', { operation: 'mount-disable', target: 'team/kv/' }],
      ['sys/mounts/secret/', 'create', { operation: 'mount-enable', target: 'secret/' }],
      ['sys/mounts/secret', 'update', { operation: 'mount-enable', target: 'secret/' }],
      ['sys/mounts/kv1/tune', 'update', { operation: 'mount-tune', target: 'kv1/' }],
      ['sys/remount', 'update', { operation: 'remount' }],
      ['sys/storage/raft/snapshot', 'update', { operation: 'snapshot-restore' }],
      ['sys/storage/raft/snapshot-force', 'update', { operation: 'snapshot-restore' }],
      ['sys/raw/logical/abc', 'delete', { operation: 'raw-write' }],
      ['sys/namespaces/team-a', 'delete', { operation: 'namespace-delete', target: 'team-a/' }],
    ])('%s %s', (path, operation, expected) => {
      expect(classifyAuditEntry(sys(path, operation))).toEqual({ kind: 'mount', ...expected, ...ORIGIN });
    });

    it.each([
      ['sys/mounts', 'read'],
      ['sys/mounts/secret/tune', 'read'],
      ['sys/policy/kv-writer', 'update'],
      ['sys/audit/vault-sync', 'update'],
      ['sys/namespaces/team-a', 'update'],
      ['sys/storage/raft/snapshot', 'read'],
    ])('ignores %s %s', (path, operation) => {
      expect(classifyAuditEntry(sys(path, operation))).toBeUndefined();
    });

    it('ignores a failed mount change', () => {
      expect(classifyAuditEntry({ ...sys('sys/mounts/secret', 'delete'), error: 'permission denied' })).toBeUndefined();
    });

    it('ignores sys/ paths of a mount that is not the system backend', () => {
      const entry = responseEntry({ path: 'sys/mounts/x', operation: 'delete', request: { mount_point: 'sys/', mount_type: 'kv' } });
      expect(classifyAuditEntry(entry)).toBeUndefined();
    });
  });
});
