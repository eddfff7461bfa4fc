import { KvData, SecretRef } from '@vault-sync/domain';
import { VaultClient } from '@vault-sync/vault-client';

export type SourceState =
  | { kind: 'live'; data: KvData; version: number; createdTime: string; mountPath: string }
  /** The latest version is deleted or destroyed, or the secret (its metadata) is gone: unsync (spec §7.4). */
  | { kind: 'gone'; reason: 'deleted' | 'destroyed' | 'absent'; mountPath: string };

/**
 * Reads the **latest** version of a secret when a run starts, whatever version the trigger saw. The mount is
 * found by accessor, so a remounted KV engine keeps working; a disabled one throws `mount_not_found`
 * (INTERNAL_VAULT_ERROR, not retried).
 */
export class SecretSource {
  constructor(private readonly vault: Pick<VaultClient, 'mountByAccessor' | 'readSecret'>) {}

  async read(secret: SecretRef): Promise<SourceState> {
    const mount = await this.vault.mountByAccessor(secret.mountAccessor);
    const mountPath = mount.path.replace(/\/+$/, '');
    const read = await this.vault.readSecret(mountPath, secret.secretPath);
    if (read.kind !== 'found') return { kind: 'gone', reason: read.kind, mountPath };
    return { kind: 'live', data: read.data as KvData, version: read.metadata.version, createdTime: read.metadata.created_time, mountPath };
  }
}
