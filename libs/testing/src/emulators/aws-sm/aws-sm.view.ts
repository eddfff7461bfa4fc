import { ReplicaStatus, StoredSecret } from './aws-sm.types';

/** Spec §1.1: timestamps go out as epoch seconds (JSON numbers, fractions allowed). */
export const epochSeconds = (ms: number) => ms / 1000;

const optionalSeconds = (ms: number | undefined) => (ms === undefined ? undefined : epochSeconds(ms));

export function replicationStatusView(replicas: ReplicaStatus[]) {
  return replicas.map((r) => ({ Region: r.region, KmsKeyId: r.kmsKeyId, Status: r.status, StatusMessage: r.statusMessage }));
}

/** Only labelled versions are listed; unlabelled ones are deprecated and hidden, as in AWS. */
function versionsToStages(secret: StoredSecret): Record<string, string[]> {
  return Object.fromEntries(secret.versions.filter((v) => v.stages.length > 0).map((v) => [v.versionId, [...v.stages]]));
}

function metadata(secret: StoredSecret) {
  const replicated = secret.replicas.length > 0 || secret.region !== secret.primaryRegion;
  return {
    ARN: secret.arn,
    Name: secret.name,
    Description: secret.description,
    KmsKeyId: secret.kmsKeyId,
    LastChangedDate: epochSeconds(secret.lastChangedMs),
    LastAccessedDate: optionalSeconds(secret.lastAccessedMs),
    DeletedDate: optionalSeconds(secret.deletedMs),
    Tags: secret.tags.length > 0 ? secret.tags.map((t) => ({ ...t })) : undefined,
    CreatedDate: epochSeconds(secret.createdMs),
    PrimaryRegion: replicated ? secret.primaryRegion : undefined,
    ReplicationStatus: secret.replicas.length > 0 ? replicationStatusView(secret.replicas) : undefined,
  };
}

/** DescribeSecret's answer (spec §1.2). */
export function describeView(secret: StoredSecret) {
  return { ...metadata(secret), VersionIdsToStages: versionsToStages(secret) };
}

/** One ListSecrets entry: the same metadata, with the map named `SecretVersionsToStages`. */
export function listEntryView(secret: StoredSecret) {
  return { ...metadata(secret), SecretVersionsToStages: versionsToStages(secret) };
}
