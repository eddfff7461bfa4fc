import { WORKLOAD_IDENTITY_CREDENTIAL_FIELDS } from '@vault-sync/destinations-core';

export const AWS_SM_DISPLAY_NAME = 'AWS Secrets Manager';

/** Masked on read, stored encrypted (spec §3.4). */
export const AWS_SM_CREDENTIAL_FIELDS = ['access_key_id', 'secret_access_key', ...WORKLOAD_IDENTITY_CREDENTIAL_FIELDS] as const;

/** `role_arn` may change, but only within its AWS account (an update rule, not an immutable). */
export const AWS_SM_IMMUTABLE_FIELDS = ['region'] as const;

/** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1 … */
export const AWS_REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** `arn:<partition>:iam::<account>:role/<path/name>`; group 1 is the account. */
export const IAM_ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** A KMS key ARN; group 1 is its region. */
export const KMS_KEY_ARN_PATTERN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key|alias)\/[\w/-]+$/;

/** What Secrets Manager accepts as a KmsKeyId: key id, multi-region key id, alias name or an ARN of either. */
export const KMS_KEY_PATTERN = new RegExp(
  `${KMS_KEY_ARN_PATTERN.source}|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^mrk-[0-9a-f]{32}$|^alias/[\\w/-]+$`,
);

/** STS ExternalId: 2-1224 characters of `[\w+=,.@:/-]`. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;

/** DeleteSecret's RecoveryWindowInDays bounds (spec §1.2); AWS applies the maximum when none is sent. */
export const MIN_RECOVERY_WINDOW_DAYS = 7;
export const MAX_RECOVERY_WINDOW_DAYS = 30;
