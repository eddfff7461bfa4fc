/** Wire shapes as grpc-js hands them over and takes them back (camelCase, int64 as string, enums by name). */

export interface Timestamp {
  seconds?: string | number;
  nanos?: number;
}

export type Duration = Timestamp;

export interface CustomerManagedEncryption {
  kmsKeyName?: string;
}

export interface Replication {
  automatic?: { customerManagedEncryption?: CustomerManagedEncryption };
  userManaged?: { replicas?: Array<{ location?: string; customerManagedEncryption?: CustomerManagedEncryption }> };
}

export interface Topic {
  name?: string;
}

export interface Rotation {
  nextRotationTime?: Timestamp;
  rotationPeriod?: Duration;
}

export interface SecretMessage {
  name?: string;
  replication?: Replication;
  createTime?: Timestamp;
  labels?: Record<string, string>;
  topics?: Topic[];
  expireTime?: Timestamp;
  ttl?: Duration;
  etag?: string;
  rotation?: Rotation;
  versionAliases?: Record<string, string | number>;
  annotations?: Record<string, string>;
  versionDestroyTtl?: Duration;
  customerManagedEncryption?: CustomerManagedEncryption;
  secretType?: string;
}

export interface SecretPayloadMessage {
  data?: Buffer;
  dataCrc32c?: string | number;
}

export type VersionState = 'ENABLED' | 'DISABLED' | 'DESTROYED';

export interface SecretVersionMessage {
  name: string;
  createTime: Timestamp;
  destroyTime?: Timestamp;
  state: VersionState;
  replicationStatus?: { automatic: Record<string, never> } | { userManaged: { replicas: Array<{ location: string }> } };
  etag: string;
  clientSpecifiedPayloadChecksum: boolean;
  scheduledDestroyTime?: Timestamp;
}

/** A secret as the store keeps it; `name` is canonical (the project as configured, its number when known). */
export interface SecretRecord {
  name: string;
  createTimeMs: number;
  etag: string;
  /** Absent for regional secrets (spec §3.2). */
  replication?: Replication;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  topics: Topic[];
  versionAliases: Record<string, number>;
  expireTimeMs?: number;
  versionDestroyTtlMs?: number;
  rotation?: Rotation;
  customerManagedEncryption?: CustomerManagedEncryption;
  secretType?: string;
  versions: VersionRecord[];
}

export interface VersionRecord {
  id: number;
  createTimeMs: number;
  state: VersionState;
  etag: string;
  /** Dropped when the version is destroyed. */
  data?: Buffer;
  crc32c: number;
  clientSpecifiedPayloadChecksum: boolean;
  destroyTimeMs?: number;
  scheduledDestroyTimeMs?: number;
}

/** The secret fields a create or an update may set, already validated. */
export interface SecretFields {
  replication?: Replication;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  topics: Topic[];
  versionAliases: Record<string, number>;
  expireTimeMs?: number;
  versionDestroyTtlMs?: number;
  rotation?: Rotation;
  customerManagedEncryption?: CustomerManagedEncryption;
  secretType?: string;
}

export interface GcpProject {
  id: string;
  /** The real service names resources by project number (spec §3.2); names use it when given. */
  number?: string;
}
