import { ObservedMountChange } from '@vault-sync/change-capture';

/** Which associations a mount-level change can affect (spec vault-change-capture §3.5, vault-sync-api §7.4). */
export type MountChangeScope =
  /** Only the mount table is stale: a new mount holds no associated secret yet. */
  | { kind: 'mount-table' }
  /** The associations of one mount: it was disabled, or tuned (possibly upgraded from KV v1 to v2). */
  | { kind: 'mount'; mountPath: string }
  /**
   * Every association: a remount names its mounts only in HMAC'd fields; a snapshot restore or a raw storage
   * write may have changed anything; a namespace delete removes mounts we cannot name from the entry.
   */
  | { kind: 'all' };

export function mountChangeScope(change: ObservedMountChange): MountChangeScope {
  switch (change.operation) {
    case 'mount-enable':
      return { kind: 'mount-table' };
    case 'mount-disable':
    case 'mount-tune':
      return change.target === undefined ? { kind: 'all' } : { kind: 'mount', mountPath: change.target };
    case 'remount':
    case 'snapshot-restore':
    case 'raw-write':
    case 'namespace-delete':
      return { kind: 'all' };
  }
}

/** Mount paths compare without leading or trailing slashes: associations record `team/kv`, entries `team/kv/`. */
export function sameMountPath(a: string, b: string): boolean {
  const bare = (path: string) => path.replace(/^\/+|\/+$/g, '');
  return bare(a) === bare(b);
}
