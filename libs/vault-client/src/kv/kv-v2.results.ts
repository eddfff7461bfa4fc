import { SecretMetadata, VersionMetadata } from './kv-v2.schemas';

/**
 * A version the engine cannot read, told apart because each calls for a different reaction: `deleted` can be
 * undeleted, `destroyed` never comes back, `absent` never existed (or its metadata was deleted).
 */
export type UnreadableVersion = { kind: 'deleted'; metadata: VersionMetadata } | { kind: 'destroyed'; metadata: VersionMetadata } | { kind: 'absent' };

/** `readSecret`: the values of one version, or why there are none. */
export type SecretRead = { kind: 'found'; data: Record<string, unknown>; metadata: VersionMetadata } | UnreadableVersion;

/** `subkeys`: the key tree of one version with null leaves, or why there is none. */
export type SubkeysRead = { kind: 'found'; subkeys: Record<string, unknown>; metadata: VersionMetadata } | UnreadableVersion;

/** `readMetadata`. */
export type MetadataRead = { kind: 'found'; metadata: SecretMetadata } | { kind: 'absent' };
