import { AssumeRoleCommand, STSClient, STSClientConfig } from '@aws-sdk/client-sts';
import { ClientSideError, ErrorCode } from '@vault-sync/domain';
import { throwAwsError } from './aws-sm-errors';
import { AwsSmSettings } from './aws-sm-settings';
import { sdkClientDefaults } from './aws-sm-client-config';

/** An assumed session lasts an hour (the IAM default MaxSessionDuration); the SDK renews it 5 min before expiry. */
export const ROLE_SESSION_SECONDS = 3600;

/** Static keys or a provider, as every SDK client's `credentials` option takes them. */
export type AwsCredentials = NonNullable<STSClientConfig['credentials']>;

export interface AwsCredentialSource {
  /** undefined: the SDK's default chain (environment, shared files, container and instance metadata). */
  credentials?: AwsCredentials;
  close(): void;
}

/**
 * Who the adapter acts as: static keys, or the default chain, optionally assuming `role_arn` (with
 * `external_id`) through STS. The SDK memoizes a provider that returns an `expiration` and calls it again
 * five minutes before then, so an assumed session is cached and renewed without our own timer.
 */
export function awsCredentialSource(settings: AwsSmSettings): AwsCredentialSource {
  if (settings.usesWorkloadIdentity) {
    const unsupported = new ClientSideError(
      ErrorCode.InvalidConfiguration,
      'workload identity federation (identity_token_audience) is not supported by the aws-sm worker yet',
    );
    return { credentials: () => Promise.reject(unsupported), close: () => undefined };
  }
  const base = settings.staticKeys;
  const role = settings.role;
  if (!role) return { credentials: base, close: () => undefined };

  const sts = new STSClient({ ...sdkClientDefaults, region: settings.region, credentials: base });
  const assumeRole: AwsCredentials = async () => {
    try {
      const { Credentials: issued } = await sts.send(
        new AssumeRoleCommand({
          RoleArn: role.roleArn,
          RoleSessionName: role.sessionName,
          ExternalId: role.externalId,
          DurationSeconds: ROLE_SESSION_SECONDS,
        }),
      );
      if (!issued?.AccessKeyId || !issued.SecretAccessKey) throw new Error('STS AssumeRole answered without credentials');
      return {
        accessKeyId: issued.AccessKeyId,
        secretAccessKey: issued.SecretAccessKey,
        sessionToken: issued.SessionToken,
        expiration: issued.Expiration,
      };
    } catch (error) {
      throwAwsError(error, { operation: 'AssumeRole', target: `role ${role.roleArn}` });
    }
  };
  return { credentials: assumeRole, close: () => sts.destroy() };
}
