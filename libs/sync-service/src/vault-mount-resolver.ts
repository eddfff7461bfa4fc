import { ErrorCode, VaultSyncError } from '@vault-sync/domain';
import type { VaultClient } from '@vault-sync/vault-client';
import { MountResolver, ResolvedMount } from './mount-resolver';

/**
 * The {@link MountResolver} port over Vault's mount table (spec §3.7 step 1), with the gateway's own Vault token.
 * Only a mount at exactly `mountPath` counts: a path inside another mount (`secret/app` in `secret/`) is not a
 * mount, so it resolves to `undefined` like a path no mount serves.
 */
export class VaultMountResolver implements MountResolver {
  constructor(private readonly vault: Pick<VaultClient, 'resolveMount'>) {}

  async resolve(mountPath: string): Promise<ResolvedMount | undefined> {
    try {
      const mount = await this.vault.resolveMount(mountPath);
      if (mount.path !== `${mountPath}/`) return undefined;
      const version = mount.options?.['version'];
      return { accessor: mount.accessor, type: mount.type, ...(version === undefined ? {} : { version }) };
    } catch (err) {
      if (err instanceof VaultSyncError && err.code === ErrorCode.MountNotFound) return undefined;
      throw err;
    }
  }
}
