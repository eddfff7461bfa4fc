import { AuditEntry, namespaceOf } from './audit-entry.schema';
import { MountChangeOperation, ObservedMountChange } from './observed-change';

const WRITES = new Set(['create', 'update']);
const SNAPSHOT_RESTORES = new Set(['storage/raft/snapshot', 'storage/raft/snapshot-force']);

interface MountChangeMatch {
  operation: MountChangeOperation;
  target?: string;
}

const withTrailingSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/** `sys/`-relative path + operation → the mount-level change (spec vault-change-capture §3.5, §3.4). */
function matchSystemPath(path: string, operation: string): MountChangeMatch | undefined {
  if (path.startsWith('mounts/')) {
    const mount = path.slice('mounts/'.length);
    if (mount.endsWith('/tune')) return WRITES.has(operation) ? { operation: 'mount-tune', target: withTrailingSlash(mount.slice(0, -'/tune'.length)) } : undefined;
    if (operation === 'delete') return { operation: 'mount-disable', target: withTrailingSlash(mount) };
    return WRITES.has(operation) ? { operation: 'mount-enable', target: withTrailingSlash(mount) } : undefined;
  }
  if (path === 'remount') return WRITES.has(operation) ? { operation: 'remount' } : undefined;
  if (SNAPSHOT_RESTORES.has(path)) return WRITES.has(operation) ? { operation: 'snapshot-restore' } : undefined;
  if (path.startsWith('raw/')) return WRITES.has(operation) || operation === 'delete' ? { operation: 'raw-write' } : undefined;
  if (path.startsWith('namespaces/') && operation === 'delete') return { operation: 'namespace-delete', target: withTrailingSlash(path.slice('namespaces/'.length)) };
  return undefined;
}

/**
 * A successful `sys/` response entry that changes mounts → the change. `mount_type` is `system` there; entries
 * from Vault before 1.5 have none, so the path alone decides then.
 */
export function classifyMountChange(entry: AuditEntry): ObservedMountChange | undefined {
  const { request } = entry;
  if (!request.path.startsWith('sys/') || (request.mount_type !== undefined && request.mount_type !== 'system')) return undefined;
  const match = matchSystemPath(request.path.slice('sys/'.length), request.operation);
  if (!match) return undefined;
  const namespace = namespaceOf(entry);
  return {
    kind: 'mount',
    operation: match.operation,
    ...(match.target ? { target: match.target } : {}),
    ...(namespace ? { namespace } : {}),
    requestId: request.id,
    time: entry.time,
  };
}
