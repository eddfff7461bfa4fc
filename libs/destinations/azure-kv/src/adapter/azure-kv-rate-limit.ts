import { RateLimitDomain } from '@vault-sync/domain';
import { AzureKvSettings } from './azure-kv-settings';

/**
 * Key Vault limits each vault per region: in any 10 s, 300 CREATE secret (shared with key and certificate
 * imports) and 4,000 of everything else (spec §2.6). Every write is a PUT that creates a version, so we plan at
 * the create quota, 30/s, for all calls; a 429 (which slows the governor down) corrects the estimate.
 */
export const AZURE_KV_WRITE_TPS = 30;

/**
 * One budget per vault, `azure-kv:<vault host>`, whichever destination or principal calls: the quota belongs
 * to the vault. Hosts are case-insensitive, so the key is lowercased.
 */
export function azureKvRateLimitDomain(settings: AzureKvSettings): RateLimitDomain {
  return { key: `azure-kv:${new URL(settings.vaultUrl).host.toLowerCase()}`, requestsPerSecond: AZURE_KV_WRITE_TPS, burst: AZURE_KV_WRITE_TPS };
}
