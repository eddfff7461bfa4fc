import { MetadataRead, SecretMetadata } from '@vault-sync/vault-client';
import { secretStateOf } from './secret-state';

const NOW = Date.parse('2025-05-02T12:00:00Z');

function metadata(current: number, versions: Record<string, { deletion_time: string; destroyed: boolean }>): MetadataRead {
  const full: SecretMetadata = {
    current_version: current,
    oldest_version: 1,
    created_time: '2025-05-01T00:00:00Z',
    updated_time: '2025-05-01T00:00:00Z',
    max_versions: 0,
    cas_required: false,
    delete_version_after: '0s',
    custom_metadata: null,
    versions: Object.fromEntries(Object.entries(versions).map(([n, v]) => [n, { created_time: '2025-05-01T00:00:00Z', ...v }])),
  };
  return { kind: 'found', metadata: full };
}

describe('secretStateOf', () => {
  it('is live when the current version has no deletion time', () => {
    expect(secretStateOf(metadata(2, { '1': { deletion_time: '', destroyed: false }, '2': { deletion_time: '', destroyed: false } }), NOW)).toEqual({ kind: 'live', version: 2 });
  });

  it('is live while a scheduled deletion time (delete_version_after) is still ahead', () => {
    expect(secretStateOf(metadata(1, { '1': { deletion_time: '2025-05-02T12:00:00.001Z', destroyed: false } }), NOW)).toEqual({ kind: 'live', version: 1 });
  });

  it('is deleted once the deletion time has passed, although nothing was logged', () => {
    expect(secretStateOf(metadata(1, { '1': { deletion_time: '2025-05-02T11:59:59.999999Z', destroyed: false } }), NOW)).toEqual({ kind: 'deleted', version: 1 });
  });

  it('looks only at the current version', () => {
    const olderDeleted = metadata(2, { '1': { deletion_time: '2025-05-01T00:00:00Z', destroyed: true }, '2': { deletion_time: '', destroyed: false } });
    expect(secretStateOf(olderDeleted, NOW)).toEqual({ kind: 'live', version: 2 });
  });

  it('is destroyed for a destroyed current version (KV does not fall back to an older one)', () => {
    expect(secretStateOf(metadata(2, { '1': { deletion_time: '', destroyed: false }, '2': { deletion_time: '', destroyed: true } }), NOW)).toEqual({ kind: 'destroyed', version: 2 });
  });

  it('is absent without metadata, or with metadata but no version yet', () => {
    expect(secretStateOf({ kind: 'absent' }, NOW)).toEqual({ kind: 'absent' });
    expect(secretStateOf(metadata(0, {}), NOW)).toEqual({ kind: 'absent' });
  });
});
