import { Destination } from '@vault-sync/domain';
import { z } from 'zod';

export interface CustomerManagedEncryption {
  kmsKeyName: string;
}

/** Secret.replication as CreateSecret takes it; immutable once the secret exists (spec destination-protocols §3.2). */
export type GcpReplication =
  | { automatic: { customerManagedEncryption?: CustomerManagedEncryption } }
  | { userManaged: { replicas: { location: string; customerManagedEncryption?: CustomerManagedEncryption }[] } };

/** What the adapter needs from a stored gcp-sm destination, typed. */
export interface GcpSmSettings {
  /** `project_id`, else the service account key's own; undefined: Application Default Credentials say. */
  projectId?: string;
  /** The parsed `credentials` JSON (a service account key); undefined: Application Default Credentials. */
  credentials?: Readonly<Record<string, unknown>>;
  /** Workload identity federation is configured (needs Vault as OIDC issuer; not supported by the worker yet). */
  usesWorkloadIdentity: boolean;
  replication: GcpReplication;
}

const connectionSchema = z.looseObject({
  project_id: z.string().optional(),
  kms_key_id: z.string().optional(),
  replica_regions: z.record(z.string(), z.string()).optional(),
  global_kms_key: z.string().optional(),
  replication_locations: z.array(z.string()).optional(),
  locational_kms_keys: z.record(z.string(), z.string()).optional(),
});

const credentialsSchema = z.looseObject({
  credentials: z.string().optional(),
  identity_token_audience: z.string().optional(),
});

const keyFileSchema = z.looseObject({ project_id: z.string().optional() });

type Connection = z.output<typeof connectionSchema>;

function encryptedWith(key: string | undefined): { customerManagedEncryption?: CustomerManagedEncryption } {
  return key ? { customerManagedEncryption: { kmsKeyName: key } } : {};
}

/**
 * The 2.2 fields first (`kms_key_id`, `replica_regions`), then the deprecated ones they replace; the API makes
 * the two generations exclusive. Without any, Google replicates automatically with its own keys.
 */
export function replicationOf(connection: Connection): GcpReplication {
  const replicas = Object.entries(connection.replica_regions ?? {});
  if (replicas.length > 0) return { userManaged: { replicas: replicas.map(([location, key]) => ({ location, ...encryptedWith(key) })) } };
  const locations = connection.replication_locations ?? [];
  if (locations.length > 0) {
    return { userManaged: { replicas: locations.map((location) => ({ location, ...encryptedWith(connection.locational_kms_keys?.[location]) })) } };
  }
  return { automatic: encryptedWith(connection.kms_key_id || connection.global_kms_key) };
}

/** Reads the stored destination; the API validated it on write, so a failure here is a stored-data bug. */
export function gcpSmSettingsOf(destination: Destination): GcpSmSettings {
  const connection = connectionSchema.parse(destination.connection);
  const stored = credentialsSchema.parse(destination.credentials);
  const credentials = stored.credentials ? keyFileSchema.parse(JSON.parse(stored.credentials)) : undefined;
  const projectId = connection.project_id || credentials?.project_id || undefined;
  return {
    ...(projectId === undefined ? {} : { projectId }),
    ...(credentials === undefined ? {} : { credentials }),
    usesWorkloadIdentity: Boolean(stored.identity_token_audience),
    replication: replicationOf(connection),
  };
}
