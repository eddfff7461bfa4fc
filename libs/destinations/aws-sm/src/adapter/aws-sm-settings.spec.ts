import { awsSmDestination, SYNC_EXTERNAL_ID, SYNC_ROLE_ARN, SYNC_USER } from './__fixtures__/aws-sm-destinations';
import { clientRequestToken } from './aws-sm-client-request-token';
import { awsSmRateLimitDomain, AWS_SM_WRITE_TPS } from './aws-sm-rate-limit';
import { awsSmSettingsOf, roleSessionName } from './aws-sm-settings';

describe('aws-sm settings', () => {
  it('reads keys, role, KMS, replicas and the default 30-day recovery window from a stored destination', () => {
    const settings = awsSmSettingsOf(
      awsSmDestination('prod', { role_arn: SYNC_ROLE_ARN, external_id: SYNC_EXTERNAL_ID, kms_key_id: 'alias/k', replica_regions: 'us-west-2=' }),
    );
    expect(settings).toEqual({
      region: 'eu-west-1',
      staticKeys: { accessKeyId: SYNC_USER.accessKeyId, secretAccessKey: SYNC_USER.secretAccessKey },
      role: { roleArn: SYNC_ROLE_ARN, externalId: SYNC_EXTERNAL_ID, sessionName: 'vault-sync-prod' },
      usesWorkloadIdentity: false,
      kmsKeyId: 'alias/k',
      replicaRegions: { 'us-west-2': '' },
      deletion: { recoveryWindowInDays: 30 },
    });
  });

  it('leaves keys and region to the SDK when unset, and reads the deletion options', () => {
    const settings = awsSmSettingsOf(awsSmDestination('prod', { access_key_id: '', secret_access_key: '', region: '', force_delete_without_recovery: true }));
    expect(settings).toMatchObject({ region: undefined, staticKeys: undefined, role: undefined, deletion: 'force' });
    expect(awsSmSettingsOf(awsSmDestination('prod', { recovery_window_in_days: 7 })).deletion).toEqual({ recoveryWindowInDays: 7 });
  });

  it('builds an STS session name within 64 characters of [\\w+=,.@-]', () => {
    expect(roleSessionName('a'.repeat(128))).toHaveLength(64);
    expect(roleSessionName('prod.aws-1')).toBe('vault-sync-prod.aws-1');
  });
});

describe('aws-sm rate-limit domain', () => {
  it('keys an assumed role by its account and region, at the 50 TPS write quota', () => {
    const domain = awsSmRateLimitDomain(awsSmSettingsOf(awsSmDestination('a', { role_arn: SYNC_ROLE_ARN })));
    expect(domain).toEqual({ key: 'aws-sm:account-111122223333:eu-west-1', requestsPerSecond: AWS_SM_WRITE_TPS, burst: AWS_SM_WRITE_TPS });
  });

  it('keys static keys by a hash of the access key id, never the id itself', () => {
    const { key } = awsSmRateLimitDomain(awsSmSettingsOf(awsSmDestination('a')));
    expect(key).toMatch(/^aws-sm:key-[0-9a-f]{16}:eu-west-1$/);
    expect(key).not.toContain(SYNC_USER.accessKeyId);
    expect(awsSmRateLimitDomain(awsSmSettingsOf(awsSmDestination('b'))).key).toBe(key);
    expect(awsSmRateLimitDomain(awsSmSettingsOf(awsSmDestination('c', { region: 'us-east-1' }))).key).not.toBe(key);
  });

  it('gives the default chain one budget per region', () => {
    const settings = awsSmSettingsOf(awsSmDestination('a', { access_key_id: '', secret_access_key: '', region: '' }));
    expect(awsSmRateLimitDomain(settings).key).toBe('aws-sm:default-chain:worker-region');
  });
});

describe('ClientRequestToken', () => {
  it('is 64 hex characters, fixed by name, base version and value', () => {
    const token = clientRequestToken('app', 'v-1', 'value');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(clientRequestToken('app', 'v-1', 'value')).toBe(token);
    expect(clientRequestToken('app', 'v-2', 'value')).not.toBe(token);
    expect(clientRequestToken('app', 'v-1', 'other')).not.toBe(token);
    expect(clientRequestToken('app', undefined, 'value')).not.toBe(token);
  });
});
