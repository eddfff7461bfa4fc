/** What a KV v2 request did, named after the sync reaction it needs (spec vault-change-capture §3.1). */
export type SecretChangeOperation = 'write' | 'patch' | 'delete' | 'undelete' | 'destroy' | 'metadata-write' | 'metadata-delete';

/** Mount-level changes that invalidate the mount table or every secret of a mount (spec §3.5, §3.4). */
export type MountChangeOperation = 'mount-enable' | 'mount-disable' | 'mount-tune' | 'remount' | 'snapshot-restore' | 'raw-write' | 'namespace-delete';

interface ChangeOrigin {
  /** `request.id`: shared by the request and response entries of one call, and by every device that logged it. */
  requestId: string;
  /** The entry's `time` (RFC 3339, when Vault formatted it). */
  time: string;
  /** Namespace path with its trailing slash (`team-a/`); absent in the root namespace. */
  namespace?: string;
}

/** One successful change to one KV v2 secret. References and version numbers only, never values. */
export interface ObservedSecretChange extends ChangeOrigin {
  kind: 'secret';
  mountAccessor: string;
  /** With its trailing slash, as `mount_point` (`secret/`, `team/kv/`). */
  mountPath: string;
  secretPath: string;
  operation: SecretChangeOperation;
  /** The versions a `delete/`, `undelete/` or `destroy/` call named, when the entry shows them in clear. */
  versions?: number[];
  /** `response.data.version`: the version a write or patch created. */
  observedVersion?: number;
}

export interface ObservedMountChange extends ChangeOrigin {
  kind: 'mount';
  operation: MountChangeOperation;
  /** The mount path (with trailing slash) or namespace the change is about, when the path names one. */
  target?: string;
}

export type ObservedChange = ObservedSecretChange | ObservedMountChange;

/** Where feeds deliver changes; a returned promise is awaited before the next change. */
export type ChangeHandler = (change: ObservedChange) => void | Promise<void>;
