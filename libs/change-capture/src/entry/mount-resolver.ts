/** A mount as the mount table (`GET sys/mounts`) describes it (spec vault-change-capture §4.1). */
export interface KnownMount {
  /** With its trailing slash. */
  path: string;
  accessor: string;
  /** `type == "kv"` and `options.version == "2"`. */
  isKvV2: boolean;
}

/**
 * Longest-prefix lookup of the mount owning `requestPath` in a namespace (`""` for root), backed by the
 * caller's cached mount table. It lets the classifier tell KV v1 from KV v2 (both log `mount_type: "kv"`) and
 * place entries from Vault before 1.13.3, which have no `mount_point` (spec §3.2 steps 3–4).
 */
export type MountResolver = (namespacePath: string, requestPath: string) => KnownMount | undefined;
