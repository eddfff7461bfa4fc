import {
  CREDENTIAL_MASK,
  CREDENTIAL_SENTINEL,
  GCP_SERVICE_ACCOUNT_KEY,
  VALID_DESTINATION_BODIES,
  createDestinationInput,
  destinationReadShape,
  updateDestinationInput,
} from '@vault-sync/destinations-core';
import { Destination } from '@vault-sync/domain';
import { GCP_SM_DESTINATION_TYPE as SPEC } from './gcp-sm.schemas';

const BODY = VALID_DESTINATION_BODIES['gcp-sm'];
const KEY = (location: string) => `projects/my-project-123/locations/${location}/keyRings/sync/cryptoKeys/secrets`;

function create(body: Record<string, unknown>): Destination {
  return { ...createDestinationInput(SPEC, 'prod-gcp', body), createdAt: '', updatedAt: '' };
}

describe('gcp-sm configuration', () => {
  it('stores the service account key apart and uses the recommended default template', () => {
    const destination = create(BODY);
    expect(destination.credentials).toEqual({ credentials: GCP_SERVICE_ACCOUNT_KEY });
    expect(destination.connection).toEqual({ project_id: 'my-project-123', identity_token_ttl: 3600, disable_strict_networking: false });
    expect(destination.options.secretNameTemplate).toBe('vault_{{ .MountAccessor }}_{{ .SecretPath | replace "/" "_" }}');
  });

  it('accepts Application Default Credentials (an empty body)', () => {
    expect(create({}).credentials).toEqual({});
  });

  it('accepts workload identity with a service account to impersonate', () => {
    const destination = create({ identity_token_audience: '//iam.googleapis.com/x', service_account_email: 'sync@p.iam.gserviceaccount.com', identity_token_ttl: '2h' });
    expect(destination.credentials).toEqual({ identity_token_audience: '//iam.googleapis.com/x' });
    expect(destination.connection).toMatchObject({ service_account_email: 'sync@p.iam.gserviceaccount.com', identity_token_ttl: 7200 });
  });

  it('accepts kms_key_id in global, or replica_regions all keyed or all Google-managed', () => {
    expect(create({ ...BODY, kms_key_id: KEY('global') }).connection['kms_key_id']).toBe(KEY('global'));
    expect(create({ ...BODY, replica_regions: 'us-east1=,europe-west4=' }).connection['replica_regions']).toEqual({ 'us-east1': '', 'europe-west4': '' });
    expect(create({ ...BODY, replica_regions: { 'us-east1': KEY('us-east1') } }).connection['replica_regions']).toEqual({ 'us-east1': KEY('us-east1') });
  });

  it('still accepts the deprecated replication fields together', () => {
    const destination = create({ ...BODY, replication_locations: 'us-east1,us-west1', locational_kms_keys: { 'us-east1': KEY('us-east1') } });
    expect(destination.connection).toMatchObject({ replication_locations: ['us-east1', 'us-west1'], locational_kms_keys: { 'us-east1': KEY('us-east1') } });
  });

  it('masks the key on read, labels included as custom_tags', () => {
    const shape = destinationReadShape(SPEC, create({ ...BODY, custom_tags: { team: 'payments' } }));
    expect(shape.connection_details).toEqual({ credentials: CREDENTIAL_MASK, project_id: 'my-project-123', identity_token_ttl: 3600 });
    expect(shape.options.custom_tags).toEqual({ team: 'payments' });
    expect(JSON.stringify(shape)).not.toContain(CREDENTIAL_SENTINEL);
  });

  it('replaces the deprecated fields by the new ones in one patch', () => {
    const existing = create({ ...BODY, replication_locations: ['us-east1'] });
    const updated = updateDestinationInput(SPEC, existing, { replication_locations: null, replica_regions: { 'us-east1': '' } }, 'merge-patch');
    expect(updated.connection).not.toHaveProperty('replication_locations');
    expect(updated.connection['replica_regions']).toEqual({ 'us-east1': '' });
  });
});
