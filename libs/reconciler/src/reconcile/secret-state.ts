import { MetadataRead } from '@vault-sync/vault-client';

/**
 * What Vault says about one associated secret, reduced to what decides a sync (spec vault-sync-api §7.4 "latest
 * version"): the current version is `live` unless it is destroyed or its `deletion_time` has passed.
 */
export type SecretState =
  | { kind: 'live'; version: number }
  /** Soft-deleted, or expired through `delete_version_after` (both are a past `deletion_time`). */
  | { kind: 'deleted'; version: number }
  | { kind: 'destroyed'; version: number }
  /** No metadata (never written, or `metadata delete`), or metadata without any version yet. */
  | { kind: 'absent' }
  /** The association's mount accessor is not in the mount table (mount disabled or moved away). */
  | { kind: 'mount-missing' };

/**
 * `deletion_time` is compared with our clock: `delete_version_after` expiry produces no audit entry and no event,
 * so the time passing is the only signal (spec vault-change-capture §3.6). An unparseable time counts as deleted,
 * which at worst costs an unsync that the next write undoes.
 */
export function secretStateOf(read: MetadataRead, nowMs: number): SecretState {
  if (read.kind === 'absent') return { kind: 'absent' };
  const version = read.metadata.current_version;
  const current = read.metadata.versions[String(version)];
  if (version === 0 || current === undefined) return { kind: 'absent' };
  if (current.destroyed) return { kind: 'destroyed', version };
  if (current.deletion_time === '') return { kind: 'live', version };
  const deletionMs = Date.parse(current.deletion_time);
  return deletionMs > nowMs ? { kind: 'live', version } : { kind: 'deleted', version };
}
