import { AuditEntry, namespaceOf } from './audit-entry.schema';
import { kvV2Target, VERSIONED_KINDS } from './kv-v2-path';
import { MountResolver } from './mount-resolver';
import { ObservedSecretChange } from './observed-change';

interface KvMount {
  path: string;
  accessor: string;
}

/**
 * The mount of a KV entry (spec vault-change-capture §3.2 step 3–4): `mount_point` and `mount_accessor` from the
 * entry, completed by the resolver for older Vault. Never split on the first `/`: mounts nest (`team/kv/`).
 * Without a resolver a `kv` mount is taken as KV v2; a KV v1 secret named `data/x` then reads as a change,
 * which costs one needless re-read, never a missed change.
 */
function kvMountOf(entry: AuditEntry, resolveMount: MountResolver | undefined): KvMount | undefined {
  const { request } = entry;
  const known = resolveMount?.(namespaceOf(entry) ?? '', request.path);
  if (known && !known.isKvV2) return undefined;
  const isKv = request.mount_type === 'kv' || (request.mount_type === undefined && known !== undefined);
  const path = request.mount_point ?? known?.path;
  const accessor = request.mount_accessor ?? entry.response?.mount_accessor ?? known?.accessor;
  if (!isKv || !path || !accessor || !request.path.startsWith(path)) return undefined;
  return { path, accessor };
}

/** A successful response entry → the KV v2 secret it changed, or `undefined` for anything else. */
export function classifySecretChange(entry: AuditEntry, resolveMount?: MountResolver): ObservedSecretChange | undefined {
  const mount = kvMountOf(entry, resolveMount);
  const target = mount && kvV2Target(entry.request.path.slice(mount.path.length), entry.request.operation);
  if (!mount || !target) return undefined;
  const versions = VERSIONED_KINDS.has(target.kind) ? entry.request.data?.versions : undefined;
  const observedVersion = entry.response?.data?.version;
  const namespace = namespaceOf(entry);
  return {
    kind: 'secret',
    mountAccessor: mount.accessor,
    mountPath: mount.path,
    secretPath: target.secretPath,
    operation: target.operation,
    ...(versions?.length ? { versions } : {}),
    ...(observedVersion !== undefined ? { observedVersion } : {}),
    ...(namespace ? { namespace } : {}),
    requestId: entry.request.id,
    time: entry.time,
  };
}
