import { Association, ErrorCode, FailureClass, SyncStatus } from '@vault-sync/domain';
import { toDestinationAssociationsView, toSecretDestinationsView, toSecretsView } from './association-views';

const gh = { type: 'gh', name: 'ci-repo' } as const;
const failure = { failureClass: FailureClass.ClientSide, code: ErrorCode.ValueTooLarge, message: 'key npm is over 49152 bytes' };

function association(overrides: Partial<Association> = {}): Association {
  return {
    destination: gh,
    mountAccessor: 'kv_1a2b3c4d',
    secretPath: 'ci/tokens',
    mountPath: 'kv',
    status: SyncStatus.Synced,
    updatedAt: '2025-05-02T09:14:03.000Z',
    generation: 1,
    attempts: 1,
    subKeys: {},
    ...overrides,
  };
}

describe('toDestinationAssociationsView (spec §3.6)', () => {
  it('shows a secret-path association as one entry keyed <accessor>/<secret_name>, without error fields when clean', () => {
    expect(toDestinationAssociationsView(gh, [association({ secretPath: 'app/db' })])).toEqual({
      store_name: 'ci-repo',
      store_type: 'gh',
      associated_secrets: {
        'kv_1a2b3c4d/app/db': { accessor: 'kv_1a2b3c4d', secret_name: 'app/db', sync_status: 'SYNCED', updated_at: '2025-05-02T09:14:03.000Z' },
      },
    });
  });

  it('reports the last error, its failure class and operation', () => {
    const view = toDestinationAssociationsView(gh, [association({ status: SyncStatus.ClientSideError, operation: 'sync', lastError: failure })]);
    expect(view.associated_secrets['kv_1a2b3c4d/ci/tokens']).toMatchObject({
      sync_status: 'CLIENT_SIDE_ERROR',
      last_error: failure.message,
      last_error_code: 'CLIENT_SIDE_ERROR',
      last_operation: 'sync',
    });
  });

  it('shows one entry per sub key, with the more severe of its own and the association’s status', () => {
    const view = toDestinationAssociationsView(gh, [
      association({
        status: SyncStatus.Pending,
        operation: 'sync',
        updatedAt: '2025-05-02T10:00:00.000Z',
        subKeys: {
          pypi: { status: SyncStatus.Synced, updatedAt: '2025-05-02T09:14:04.000Z' },
          npm: { status: SyncStatus.ClientSideError, updatedAt: '2025-05-02T09:14:05.000Z', lastError: failure },
        },
      }),
    ]);
    expect(Object.keys(view.associated_secrets)).toEqual(['kv_1a2b3c4d/ci/tokens/npm', 'kv_1a2b3c4d/ci/tokens/pypi']);
    expect(view.associated_secrets['kv_1a2b3c4d/ci/tokens/pypi']).toEqual({
      accessor: 'kv_1a2b3c4d',
      secret_name: 'ci/tokens',
      sub_key: 'pypi',
      sync_status: 'PENDING', // a refresh is queued: the old SYNCED no longer holds
      updated_at: '2025-05-02T10:00:00.000Z',
    });
    expect(view.associated_secrets['kv_1a2b3c4d/ci/tokens/npm']).toMatchObject({
      sub_key: 'npm',
      sync_status: 'CLIENT_SIDE_ERROR',
      last_error: failure.message,
    });
  });

  it('is empty for a destination without associations', () => {
    expect(toDestinationAssociationsView(gh, []).associated_secrets).toEqual({});
  });
});

describe('secret-centric views (spec §3.8)', () => {
  it('rolls each destination up to its worst status and lists sub-key statuses', () => {
    const view = toSecretDestinationsView([
      association(),
      association({
        destination: { type: 'vercel-project', name: 'web' },
        subKeys: { npm: { status: SyncStatus.ExternalServiceError, updatedAt: '2025-05-02T11:00:00.000Z' } },
      }),
    ]);
    expect(view.associated_destinations).toEqual({
      'gh/ci-repo': { type: 'gh', name: 'ci-repo', sync_status: 'SYNCED', updated_at: '2025-05-02T09:14:03.000Z' },
      'vercel-project/web': {
        type: 'vercel-project',
        name: 'web',
        sync_status: 'EXTERNAL_SERVICE_ERROR',
        updated_at: '2025-05-02T11:00:00.000Z',
        sub_keys: { npm: 'EXTERNAL_SERVICE_ERROR' },
      },
    });
  });

  it('lists secrets by mount path, counting links and distinct secrets', () => {
    const view = toSecretsView([
      association({ secretPath: 'app/db' }),
      association({ secretPath: 'app/db', destination: { type: 'aws-sm', name: 'prod' } }),
      association({ mountPath: 'team/kv', mountAccessor: 'kv_99', secretPath: 'ci/tokens' }),
    ]);
    expect(view).toEqual({
      keys: ['kv/app/db', 'team/kv/ci/tokens'],
      key_info: {
        'kv/app/db': [{ mount: 'kv/', secret_path: 'app/db' }],
        'team/kv/ci/tokens': [{ mount: 'team/kv/', secret_path: 'ci/tokens' }],
      },
      total_associations: 3,
      total_secrets: 2,
    });
  });
});
