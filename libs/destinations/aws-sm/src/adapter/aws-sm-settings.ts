import { Destination } from '@vault-sync/domain';
import { z } from 'zod';
import { MAX_RECOVERY_WINDOW_DAYS, MIN_RECOVERY_WINDOW_DAYS } from '../aws-sm.constants';

/** How unsync deletes a secret: after a recovery window, or at once. */
export type DeletionPolicy = { recoveryWindowInDays: number } | 'force';

/** What the adapter needs from a stored aws-sm destination, typed. */
export interface AwsSmSettings {
  /** undefined: the SDK resolves it (AWS_REGION, shared config). */
  region?: string;
  staticKeys?: { accessKeyId: string; secretAccessKey: string };
  role?: { roleArn: string; externalId?: string; sessionName: string };
  /** Workload identity federation is configured (needs Vault as OIDC issuer; not supported by the worker yet). */
  usesWorkloadIdentity: boolean;
  kmsKeyId?: string;
  /** Replica region → KMS key there ("" for the AWS-managed key). */
  replicaRegions: Readonly<Record<string, string>>;
  deletion: DeletionPolicy;
}

const connectionSchema = z.looseObject({
  region: z.string().optional(),
  role_arn: z.string().optional(),
  external_id: z.string().optional(),
  kms_key_id: z.string().optional(),
  replica_regions: z.record(z.string(), z.string()).optional(),
  recovery_window_in_days: z.number().int().min(MIN_RECOVERY_WINDOW_DAYS).max(MAX_RECOVERY_WINDOW_DAYS).optional(),
  force_delete_without_recovery: z.boolean().optional(),
});

const credentialsSchema = z.looseObject({
  access_key_id: z.string().optional(),
  secret_access_key: z.string().optional(),
  identity_token_audience: z.string().optional(),
});

const SESSION_NAME_MAX = 64;

/** STS RoleSessionName (`[\w+=,.@-]{2,64}`): shows in CloudTrail which destination acted. */
export function roleSessionName(destinationName: string): string {
  return `vault-sync-${destinationName}`.replace(/[^\w+=,.@-]/g, '-').slice(0, SESSION_NAME_MAX);
}

/** Reads the stored destination; the API validated it on write, so a failure here is a stored-data bug. */
export function awsSmSettingsOf(destination: Destination): AwsSmSettings {
  const connection = connectionSchema.parse(destination.connection);
  const credentials = credentialsSchema.parse(destination.credentials);
  const { access_key_id: accessKeyId, secret_access_key: secretAccessKey } = credentials;
  return {
    region: connection.region || undefined,
    staticKeys: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    role: connection.role_arn
      ? { roleArn: connection.role_arn, externalId: connection.external_id || undefined, sessionName: roleSessionName(destination.name) }
      : undefined,
    usesWorkloadIdentity: Boolean(credentials.identity_token_audience),
    kmsKeyId: connection.kms_key_id || undefined,
    replicaRegions: connection.replica_regions ?? {},
    deletion: connection.force_delete_without_recovery
      ? 'force'
      : { recoveryWindowInDays: connection.recovery_window_in_days ?? MAX_RECOVERY_WINDOW_DAYS },
  };
}
