import { createHash } from 'node:crypto';
import { RateLimitDomain } from '@vault-sync/domain';
import { IAM_ROLE_ARN_PATTERN } from '../aws-sm.constants';
import { AwsSmSettings } from './aws-sm-settings';

/**
 * Secrets Manager quotas are per account and region (spec §1.5). The lowest write quota applies to what a sync
 * does most: PutSecretValue/UpdateSecret share 50 TPS, as do Tag/Untag, RestoreSecret, and (believed [U])
 * CreateSecret and DeleteSecret. DescribeSecret's 10,000+ TPS never binds first.
 */
export const AWS_SM_WRITE_TPS = 50;

/**
 * The budget key `aws-sm:<principal>:<region>`. An assumed role is keyed by the account in its ARN (cross-account
 * calls count against the role's account), which costs no STS GetCallerIdentity call. Static keys are keyed
 * by a hash of the access key id (the account is not knowable offline; two keys of one account then get two
 * budgets, an accepted over-estimate that AWS's ThrottlingException corrects). The default chain is the
 * worker's own identity, one budget per region.
 */
export function awsSmRateLimitDomain(settings: AwsSmSettings): RateLimitDomain {
  // Without a region the SDK uses the worker's AWS_REGION: one region for all such destinations of a worker.
  const region = settings.region ?? 'worker-region';
  return { key: `aws-sm:${principalOf(settings)}:${region}`, requestsPerSecond: AWS_SM_WRITE_TPS, burst: AWS_SM_WRITE_TPS };
}

function principalOf(settings: AwsSmSettings): string {
  const account = settings.role && IAM_ROLE_ARN_PATTERN.exec(settings.role.roleArn)?.[1];
  if (account) return `account-${account}`;
  if (settings.staticKeys) return `key-${createHash('sha256').update(settings.staticKeys.accessKeyId).digest('hex').slice(0, 16)}`;
  return 'default-chain';
}
