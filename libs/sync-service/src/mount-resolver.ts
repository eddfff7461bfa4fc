/** A mount as Vault's mount table shows it (`GET sys/mounts/<path>`, spec §8). */
export interface ResolvedMount {
  accessor: string;
  /** Engine type, e.g. `kv`. */
  type: string;
  /** `options.version`: `"2"` for KV v2; absent for engines without versions. */
  version?: string;
}

/** Looks a mount up by path (no leading or trailing `/`); `undefined` when no mount is there. */
export interface MountResolver {
  resolve(mountPath: string): Promise<ResolvedMount | undefined>;
}

/** The API accepts `kv`, `kv/` and `/kv/` alike (spec §3.7). */
export function normalizeMountPath(mountPath: string): string {
  return mountPath.replace(/^\/+|\/+$/g, '');
}

export function isKvV2(mount: ResolvedMount): boolean {
  return mount.type === 'kv' && mount.version === '2';
}
