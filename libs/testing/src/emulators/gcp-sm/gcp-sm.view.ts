import { versionName } from './gcp-sm.names';
import { durationOf, timestampOf } from './gcp-sm.time';
import { SecretMessage, SecretRecord, SecretVersionMessage, VersionRecord } from './gcp-sm.types';

export function secretView(secret: SecretRecord): SecretMessage {
  return {
    name: secret.name,
    replication: secret.replication,
    createTime: timestampOf(secret.createTimeMs),
    labels: secret.labels,
    topics: secret.topics,
    expireTime: secret.expireTimeMs === undefined ? undefined : timestampOf(secret.expireTimeMs),
    etag: secret.etag,
    rotation: secret.rotation,
    versionAliases: Object.fromEntries(Object.entries(secret.versionAliases).map(([alias, id]) => [alias, String(id)])),
    annotations: secret.annotations,
    versionDestroyTtl: secret.versionDestroyTtlMs === undefined ? undefined : durationOf(secret.versionDestroyTtlMs),
    customerManagedEncryption: secret.customerManagedEncryption,
    secretType: secret.secretType,
  };
}

function replicationStatusOf(secret: SecretRecord): SecretVersionMessage['replicationStatus'] {
  if (secret.replication?.automatic) return { automatic: {} };
  const replicas = secret.replication?.userManaged?.replicas;
  return replicas ? { userManaged: { replicas: replicas.map(({ location = '' }) => ({ location })) } } : undefined;
}

export function versionView(secret: SecretRecord, version: VersionRecord): SecretVersionMessage {
  return {
    name: versionName(secret.name, version.id),
    createTime: timestampOf(version.createTimeMs),
    destroyTime: version.destroyTimeMs === undefined ? undefined : timestampOf(version.destroyTimeMs),
    state: version.state,
    replicationStatus: replicationStatusOf(secret),
    etag: version.etag,
    clientSpecifiedPayloadChecksum: version.clientSpecifiedPayloadChecksum,
    scheduledDestroyTime: version.scheduledDestroyTimeMs === undefined ? undefined : timestampOf(version.scheduledDestroyTimeMs),
  };
}

/** AccessSecretVersionResponse: the resolved version's name (never `latest`) and the payload with its CRC32C. */
export function accessView(secret: SecretRecord, version: VersionRecord, data: Buffer): { name: string; payload: { data: Buffer; dataCrc32c: string } } {
  return { name: versionName(secret.name, version.id), payload: { data, dataCrc32c: String(version.crc32c) } };
}
