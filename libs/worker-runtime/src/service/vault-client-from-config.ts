import { AppConfig } from '@vault-sync/config';
import { ConfigurationError, ErrorCode } from '@vault-sync/domain';
import { VaultClient, VaultClientDeps, vaultClientFromConfig } from '@vault-sync/vault-client';

/**
 * The worker's own Vault identity: AppRole when configured (renewed before expiry), else a service token. The
 * worker reads secrets with it, so it needs `read` on the synced KV data and metadata paths and on `sys/mounts`.
 */
export function workerVaultClient(vault: AppConfig['vault'], deps: VaultClientDeps = {}): VaultClient {
  const client = vaultClientFromConfig(vault, deps);
  if (client === undefined) {
    throw new ConfigurationError(
      ErrorCode.InvalidConfiguration,
      'a sync worker reads secrets from Vault: set VAULT_ADDR, and VAULT_ROLE_ID with VAULT_SECRET_ID (AppRole) or VAULT_TOKEN',
    );
  }
  return client;
}
