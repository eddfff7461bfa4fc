import { gcpSmDestination, SERVICE_ACCOUNT_KEY } from './__fixtures__/gcp-sm-destinations';
import { GCP_SM_BURST, GCP_SM_WRITES_PER_SECOND, gcpSmRateLimitDomain } from './gcp-sm-rate-limit';
import { gcpSmSettingsOf } from './gcp-sm-settings';

const KEY = (location: string) => `projects/kms-project/locations/${location}/keyRings/sync/cryptoKeys/secrets`;

describe('gcp-sm settings', () => {
  it('reads the service account key and prefers project_id over the key file project', () => {
    const settings = gcpSmSettingsOf(gcpSmDestination('prod', { credentials: SERVICE_ACCOUNT_KEY }));
    expect(settings).toEqual({
      projectId: 'vault-sync-test',
      credentials: JSON.parse(SERVICE_ACCOUNT_KEY),
      usesWorkloadIdentity: false,
      replication: { automatic: {} },
    });
    expect(gcpSmSettingsOf(gcpSmDestination('prod', { project_id: '', credentials: SERVICE_ACCOUNT_KEY })).projectId).toBe('key-project-1');
  });

  it('leaves credentials and project to Application Default Credentials when neither is set', () => {
    const settings = gcpSmSettingsOf(gcpSmDestination('adc', { project_id: '' }));
    expect(settings).toEqual({ usesWorkloadIdentity: false, replication: { automatic: {} } });
  });

  it('notices workload identity federation', () => {
    const settings = gcpSmSettingsOf(gcpSmDestination('wif', { identity_token_audience: '//iam.googleapis.com/x', service_account_email: 's@p.iam.gserviceaccount.com' }));
    expect(settings.usesWorkloadIdentity).toBe(true);
  });

  it.each([
    ['kms_key_id', { kms_key_id: KEY('global') }, { automatic: { customerManagedEncryption: { kmsKeyName: KEY('global') } } }],
    ['global_kms_key (deprecated)', { global_kms_key: KEY('global') }, { automatic: { customerManagedEncryption: { kmsKeyName: KEY('global') } } }],
    ['replica_regions, Google-managed keys', { replica_regions: 'us-east1=,europe-west4=' }, { userManaged: { replicas: [{ location: 'us-east1' }, { location: 'europe-west4' }] } }],
    [
      'replica_regions with keys',
      { replica_regions: { 'us-east1': KEY('us-east1') } },
      { userManaged: { replicas: [{ location: 'us-east1', customerManagedEncryption: { kmsKeyName: KEY('us-east1') } }] } },
    ],
    [
      'replication_locations with locational_kms_keys (deprecated)',
      { replication_locations: 'us-east1,us-west1', locational_kms_keys: { 'us-east1': KEY('us-east1') } },
      { userManaged: { replicas: [{ location: 'us-east1', customerManagedEncryption: { kmsKeyName: KEY('us-east1') } }, { location: 'us-west1' }] } },
    ],
  ])('builds the replication of %s', (_case, body, replication) => {
    expect(gcpSmSettingsOf(gcpSmDestination('r', body)).replication).toEqual(replication);
  });
});

describe('gcp-sm rate-limit domain', () => {
  it('keys the budget by project at the per-project write quota', () => {
    expect(gcpSmRateLimitDomain(gcpSmSettingsOf(gcpSmDestination('a')))).toEqual({
      key: 'gcp-sm:project-vault-sync-test',
      requestsPerSecond: GCP_SM_WRITES_PER_SECOND,
      burst: GCP_SM_BURST,
    });
    expect(GCP_SM_WRITES_PER_SECOND * 60).toBe(600);
  });

  it('shares one budget between destinations of the same project, whatever their credentials', () => {
    const withKey = gcpSmRateLimitDomain(gcpSmSettingsOf(gcpSmDestination('a', { credentials: SERVICE_ACCOUNT_KEY })));
    const withAdc = gcpSmRateLimitDomain(gcpSmSettingsOf(gcpSmDestination('b')));
    expect(withKey.key).toBe(withAdc.key);
    expect(gcpSmRateLimitDomain(gcpSmSettingsOf(gcpSmDestination('c', { project_id: 'other-project' }))).key).not.toBe(withKey.key);
  });

  it('gives destinations without a known project one budget', () => {
    expect(gcpSmRateLimitDomain(gcpSmSettingsOf(gcpSmDestination('a', { project_id: '' }))).key).toBe('gcp-sm:default-project');
  });
});
