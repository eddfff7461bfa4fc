import {
  CREDENTIAL_MASK,
  CREDENTIAL_SENTINEL,
  VALID_DESTINATION_BODIES,
  createDestinationInput,
  destinationReadShape,
  updateDestinationInput,
} from '@vault-sync/destinations-core';
import { Destination } from '@vault-sync/domain';
import { AWS_SM_DESTINATION_TYPE as SPEC } from './aws-sm.schemas';

const BODY = VALID_DESTINATION_BODIES['aws-sm'];
const KMS_US_EAST_1 = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function create(body: Record<string, unknown>): Destination {
  return { ...createDestinationInput(SPEC, 'prod-aws', body), createdAt: '', updatedAt: '' };
}

describe('aws-sm configuration', () => {
  it('splits static keys from the connection details and applies the defaults', () => {
    const destination = create({ ...BODY, custom_tags: 'team=payments' });
    expect(destination.credentials).toEqual({ access_key_id: BODY['access_key_id'], secret_access_key: BODY['secret_access_key'] });
    expect(destination.connection).toEqual({
      region: 'eu-west-1',
      role_arn: BODY['role_arn'],
      external_id: BODY['external_id'],
      identity_token_ttl: 3600,
      disable_strict_networking: false,
    });
    expect(destination.options).toEqual({
      granularity: 'secret-path',
      secretNameTemplate: 'vault/{{ .MountAccessor }}/{{ .SecretPath }}',
      customTags: { team: 'payments' },
      adoptExisting: false,
    });
  });

  it('accepts an empty body: the default credential chain and region', () => {
    expect(create({}).credentials).toEqual({});
  });

  it('accepts workload identity with a role, reading the TTL as a Go duration', () => {
    const destination = create({ role_arn: BODY['role_arn'], identity_token_audience: 'sentinel-aud', identity_token_ttl: '30m' });
    expect(destination.credentials).toEqual({ identity_token_audience: 'sentinel-aud' });
    expect(destination.connection['identity_token_ttl']).toBe(1800);
  });

  it('keeps external_id without role_arn, which Vault ignores', () => {
    expect(create({ external_id: 'abc-123' }).connection['external_id']).toBe('abc-123');
  });

  it('reads replica_regions from k=v pairs, an empty key meaning the AWS-managed key', () => {
    const destination = create({ ...BODY, kms_key_id: 'alias/vault-sync', replica_regions: `us-west-2=,us-east-1=${KMS_US_EAST_1}` });
    expect(destination.connection['replica_regions']).toEqual({ 'us-west-2': '', 'us-east-1': KMS_US_EAST_1 });
  });

  it('takes a recovery window of 7-30 days or a forced delete for unsync, not both', () => {
    expect(create({ ...BODY, recovery_window_in_days: '7' }).connection['recovery_window_in_days']).toBe(7);
    expect(create({ ...BODY, force_delete_without_recovery: 'true' }).connection['force_delete_without_recovery']).toBe(true);
    expect(() => create({ ...BODY, recovery_window_in_days: 6 })).toThrow(/recovery_window_in_days/);
    expect(() => create({ ...BODY, recovery_window_in_days: 7, force_delete_without_recovery: true })).toThrow(/force_delete_without_recovery/);
  });

  it('lets role_arn change within the same account, or be set and cleared', () => {
    const existing = create(BODY);
    const sameAccount = 'arn:aws:iam::111122223333:role/other';
    expect(updateDestinationInput(SPEC, existing, { role_arn: sameAccount }, 'merge-patch').connection['role_arn']).toBe(sameAccount);
    expect(updateDestinationInput(SPEC, existing, { role_arn: null }, 'merge-patch').connection).not.toHaveProperty('role_arn');
    const withoutRole = create({ ...BODY, role_arn: '' });
    expect(updateDestinationInput(SPEC, withoutRole, { role_arn: sameAccount }, 'replace').connection['role_arn']).toBe(sameAccount);
  });

  it('shows the read shape of spec §3.4 with both keys masked', () => {
    const shape = destinationReadShape(SPEC, create({ ...BODY, custom_tags: { team: 'payments' } }));
    expect(shape.connection_details).toEqual({
      access_key_id: CREDENTIAL_MASK,
      secret_access_key: CREDENTIAL_MASK,
      region: 'eu-west-1',
      role_arn: BODY['role_arn'],
      external_id: BODY['external_id'],
      identity_token_ttl: 3600,
    });
    expect(shape.options).toMatchObject({ granularity_level: 'secret-path', custom_tags: { team: 'payments' } });
    expect(JSON.stringify(shape)).not.toContain(CREDENTIAL_SENTINEL);
  });

  it('keeps the stored keys when the read shape is sent back', () => {
    const existing = create(BODY);
    const echoed = destinationReadShape(SPEC, existing).connection_details;
    expect(updateDestinationInput(SPEC, existing, echoed, 'replace').credentials).toEqual(existing.credentials);
  });
});
