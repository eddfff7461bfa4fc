import type { AppConfig } from '@vault-sync/config';
import { VaultClient } from './vault-client';
import { VaultClientDeps } from './vault-client.options';

/**
 * The service's own Vault identity from configuration: AppRole when configured (renewed before expiry), else
 * `VAULT_TOKEN`. `undefined` when `VAULT_ADDR` or every credential is missing; each service decides whether it
 * can run without one.
 */
export function vaultClientFromConfig(vault: AppConfig['vault'], deps: VaultClientDeps = {}): VaultClient | undefined {
  if (vault.address === undefined) return undefined;
  const auth = vault.appRole
    ? { method: 'approle' as const, ...vault.appRole }
    : vault.token
      ? { method: 'token' as const, token: vault.token }
      : undefined;
  if (auth === undefined) return undefined;
  return VaultClient.create({ address: vault.address, auth, ...(vault.namespace ? { namespace: vault.namespace } : {}) }, deps);
}
