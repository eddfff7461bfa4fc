export * from './vault-client';
export * from './vault-client-from-config';
export * from './vault-client.options';
export * from './kv/kv-v2.results';
export type { SecretMetadata, VersionMetadata } from './kv/kv-v2.schemas';
export type { VaultMount } from './mounts/vault-mount';
export type { Clock } from './clock';
export type { FetchLike } from './http/vault-request';
export type { RetryPolicy } from './http/retry-policy';
