import { ErrorRecord } from '../errors/vault-sync-error';
import { SyncStatus } from '../status/sync-status';
import { DestinationRef, destinationKey } from './destination';

/** A KV v2 secret as associations address it: by mount accessor, never by mount path (which can be remounted). */
export interface SecretRef {
  mountAccessor: string;
  secretPath: string;
}

export type SyncOperation = 'sync' | 'unsync';

/** Status of one top-level key under `secret-key` granularity (spec §3.6). */
export interface SubKeyEntry {
  status: SyncStatus;
  updatedAt: string;
  /** The name this key was written under, so unsync deletes exactly that even after a template change. */
  externalName?: string;
  lastError?: ErrorRecord;
}

export interface Association extends SecretRef {
  destination: DestinationRef;
  /** Mount path when the association was set, for display and templates (`MountPath`). */
  mountPath: string;
  status: SyncStatus;
  /** Time of the last status change. */
  updatedAt: string;
  /** The operation queued or in flight, while status is PENDING/SYNCING/UNSYNCING or an error of that run. */
  operation?: SyncOperation;
  /** Bumped on every queue event; a run finishing with an older generation must not settle the status. */
  generation: number;
  /** Attempts spent on the current operation. */
  attempts: number;
  /** The Vault version last written to the destination. */
  syncedVersion?: number;
  /** Name rendered for `secret-path` granularity, recorded on first write. */
  externalName?: string;
  lastError?: ErrorRecord;
  /** Present under `secret-key` granularity, keyed by the secret's top-level key. */
  subKeys: Record<string, SubKeyEntry>;
  /** Remove the association once its unsync succeeds (`associations/remove`). */
  removeWhenUnsynced?: boolean;
}

/** Vault's association key: `<accessor>/<secret_name>` (spec §3.6). */
export function associationName(secret: SecretRef): string {
  return `${secret.mountAccessor}/${secret.secretPath}`;
}

/** Globally unique association id, `<type>/<destination>/<accessor>/<path>`. */
export function associationId(destination: DestinationRef, secret: SecretRef): string {
  return `${destinationKey(destination)}/${associationName(secret)}`;
}
