import { ErrorCode, VaultSyncError } from '@vault-sync/domain';
import { MountDirectory } from '@vault-sync/fan-out';
import { VaultClient } from '@vault-sync/vault-client';
import { WebhookMounts } from './webhook/webhook.feed';

const bare = (path: string) => path.replace(/^\/+|\/+$/g, '');

/** The Vault client's cached mount table, as fan-out and the webhook look mounts up. */
export class VaultMounts implements MountDirectory, WebhookMounts {
  constructor(private readonly vault: VaultClient) {}

  async mountAt(mountPath: string): Promise<{ accessor: string; isKvV2: boolean } | undefined> {
    try {
      const mount = await this.vault.resolveMount(mountPath);
      // resolveMount answers for any path inside a mount; the webhook names the mount itself.
      return bare(mount.path) === bare(mountPath) ? mount : undefined;
    } catch (error) {
      if (error instanceof VaultSyncError && error.code === ErrorCode.MountNotFound) return undefined;
      throw error;
    }
  }

  async accessorAt(mountPath: string): Promise<string | undefined> {
    return (await this.mountAt(mountPath))?.accessor;
  }

  async refresh(): Promise<void> {
    await this.vault.listMounts();
  }
}

/** Without Vault credentials the mount table is unknown: associations are still found by accessor. */
export const NO_MOUNTS: MountDirectory = {
  accessorAt: async () => undefined,
  refresh: async () => undefined,
};
