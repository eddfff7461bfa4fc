import {
  DestinationTypeSpec,
  UpdateRule,
  booleanField,
  integerField,
  isSet,
  keyValuePairsField,
  matching,
  mutuallyExclusive,
  optionalText,
  report,
  requires,
  workloadIdentityFields,
} from '@vault-sync/destinations-core';
import { z } from 'zod';
import {
  AWS_REGION_PATTERN,
  AWS_SM_CREDENTIAL_FIELDS,
  AWS_SM_DISPLAY_NAME,
  AWS_SM_IMMUTABLE_FIELDS,
  EXTERNAL_ID_PATTERN,
  IAM_ROLE_ARN_PATTERN,
  KMS_KEY_ARN_PATTERN,
  KMS_KEY_PATTERN,
  MAX_RECOVERY_WINDOW_DAYS,
  MIN_RECOVERY_WINDOW_DAYS,
} from './aws-sm.constants';

const REGION_RULE = 'must be an AWS region code such as eu-west-1';
const KMS_KEY_RULE = 'must be a KMS key ARN, key id or alias';

/** aws-sm fields (spec §4.1). `external_id` without `role_arn` is kept but unused, as Vault ignores it. */
export const awsSmFieldsSchema = z
  .strictObject({
    access_key_id: optionalText(),
    secret_access_key: optionalText(),
    region: optionalText(matching(AWS_REGION_PATTERN, REGION_RULE)),
    role_arn: optionalText(matching(IAM_ROLE_ARN_PATTERN, 'must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>')),
    external_id: optionalText(matching(EXTERNAL_ID_PATTERN, 'must be 2-1224 letters, digits or +=,.@:/_-')),
    ...workloadIdentityFields,
    kms_key_id: optionalText(matching(KMS_KEY_PATTERN, KMS_KEY_RULE)),
    // Region → KMS key in that region; "" uses the AWS-managed key there.
    replica_regions: keyValuePairsField(
      z.string().regex(AWS_REGION_PATTERN, `keys ${REGION_RULE}`),
      z.string().refine((key) => key === '' || KMS_KEY_PATTERN.test(key), `values ${KMS_KEY_RULE}, or ""`),
    ).optional(),
    // How unsync deletes: DeleteSecret's RecoveryWindowInDays (30 when unset, as AWS) or ForceDeleteWithoutRecovery [I].
    recovery_window_in_days: integerField(MIN_RECOVERY_WINDOW_DAYS, MAX_RECOVERY_WINDOW_DAYS).optional(),
    force_delete_without_recovery: booleanField.optional(),
  })
  .superRefine((fields, ctx) => {
    if (fields.force_delete_without_recovery === true && fields.recovery_window_in_days !== undefined) {
      report(ctx, 'recovery_window_in_days', 'cannot be combined with force_delete_without_recovery=true');
    }
    if (isSet(fields.access_key_id) !== isSet(fields.secret_access_key)) {
      report(ctx, isSet(fields.access_key_id) ? 'secret_access_key' : 'access_key_id', 'access_key_id and secret_access_key must be set together');
    }
    mutuallyExclusive(ctx, fields, 'access_key_id', 'identity_token_audience');
    requires(ctx, fields, 'identity_token_audience', 'role_arn', ' (the role assumed with the web identity token)');
    const primary = fields.region;
    const primaryKeyRegion = kmsKeyRegion(fields.kms_key_id);
    if (isSet(primary) && primaryKeyRegion !== undefined && primaryKeyRegion !== primary) {
      report(ctx, 'kms_key_id', `must be a key in the destination region ${primary}`);
    }
    for (const [region, key] of Object.entries(fields.replica_regions ?? {})) {
      if (region === primary) report(ctx, 'replica_regions', `${region} is the destination region and cannot also be a replica`);
      const keyRegion = kmsKeyRegion(key);
      if (keyRegion !== undefined && keyRegion !== region) report(ctx, 'replica_regions', `the key for ${region} must be in ${region}`);
    }
  });

export type AwsSmFields = z.output<typeof awsSmFieldsSchema>;

/** The region of a key given as an ARN; undefined for key ids and aliases, whose region cannot be told. */
function kmsKeyRegion(key: string | undefined): string | undefined {
  return key === undefined ? undefined : KMS_KEY_ARN_PATTERN.exec(key)?.[1];
}

function roleAccount(arn: unknown): string | undefined {
  return typeof arn === 'string' ? IAM_ROLE_ARN_PATTERN.exec(arn)?.[1] : undefined;
}

/** Terraform documents role_arn as updatable only within the same account (spec §3.5); setting or clearing it is allowed [I]. */
const roleArnSameAccount: UpdateRule = {
  field: 'role_arn',
  rule: 'can only change to a role in the same AWS account',
  allows: (stored, requested) => stored === undefined || requested === undefined || roleAccount(stored) === roleAccount(requested),
};

export const AWS_SM_DESTINATION_TYPE: DestinationTypeSpec = {
  kind: 'aws-sm',
  displayName: AWS_SM_DISPLAY_NAME,
  fieldsSchema: awsSmFieldsSchema,
  credentialFields: AWS_SM_CREDENTIAL_FIELDS,
  immutableFields: AWS_SM_IMMUTABLE_FIELDS,
  updateRules: [roleArnSameAccount],
  supportsCustomTags: true,
  ignoredFields: [],
  nestedReadFields: {},
};
