import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import { classifyVersionedRead } from './classify-kv-response';
import { dataReadSchema } from './kv-v2.schemas';

const call = { mountPath: 'secret', operation: 'GET secret/data/app/db' };
const metadata = (overrides: Record<string, unknown> = {}) => ({
  version: 3,
  created_time: '2025-11-04T10:15:22.481937204Z',
  deletion_time: '',
  destroyed: false,
  custom_metadata: { owner: 'team-a' },
  ...overrides,
});
const envelope = (data: Record<string, unknown>) => ({ request_id: 'r', lease_id: '', renewable: false, lease_duration: 0, data, wrap_info: null, warnings: null, auth: null, mount_type: 'kv' });
const classify = (status: number, body: unknown) => classifyVersionedRead({ status, body }, call, dataReadSchema);

describe('classifyVersionedRead', () => {
  it('returns the values and version metadata of a live version', () => {
    expect(classify(200, envelope({ data: { password: 'p' }, metadata: metadata() }))).toEqual({ kind: 'found', values: { password: 'p' }, metadata: metadata() });
  });

  it('tells a soft-deleted version (404 with metadata) from a destroyed one', () => {
    const deleted = metadata({ deletion_time: '2025-11-05T08:00:00Z' });
    expect(classify(404, envelope({ data: null, metadata: deleted }))).toEqual({ kind: 'deleted', metadata: deleted });
    const destroyed = metadata({ destroyed: true });
    expect(classify(404, envelope({ data: null, metadata: destroyed }))).toEqual({ kind: 'destroyed', metadata: destroyed });
  });

  it('reads a 404 with an empty errors list as a secret that never existed', () => {
    expect(classify(404, { errors: [] })).toEqual({ kind: 'absent' });
  });

  it('throws mount_not_found when nothing serves the path', () => {
    let thrown: unknown;
    try {
      classify(404, { errors: ['no handler for route "nope/data/app/db". route entry not found.'] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(InternalVaultError);
    expect(thrown).toMatchObject({ code: ErrorCode.MountNotFound, retryable: false, statusCode: 404 });
  });

  it('treats a 200 without values as unreadable rather than as an empty secret', () => {
    expect(classify(200, envelope({ data: null, metadata: metadata({ destroyed: true }) }))).toMatchObject({ kind: 'destroyed' });
  });

  it('defaults custom_metadata for Vault versions that do not send it', () => {
    const older: Record<string, unknown> = metadata();
    delete older['custom_metadata'];
    expect(classify(200, envelope({ data: {}, metadata: older }))).toMatchObject({ metadata: { custom_metadata: null } });
  });

  it('refuses a malformed answer without quoting secret values', () => {
    expect(() => classify(200, envelope({ data: 'hunter2', metadata: metadata() }))).toThrow(/^unexpected response from Vault for GET secret\/data\/app\/db \(fields: data\.data\)$/);
  });
});
