import { ConfigurationError, ErrorCode } from '@vault-sync/domain';
import type { AppConfig } from '@vault-sync/config';
import { AccessChecker } from './access-checker';
import { SharedTtlCache } from './shared-ttl-cache';
import { StaticTokenAccessChecker } from './static-token-access-checker';
import { CapabilitiesSelfSource, VaultDelegatedAccessChecker } from './vault-delegated-access-checker';

export interface AccessCheckerOptions {
  /** Required when `auth.mode` is `vault`: the gateway's Vault client. */
  vault?: CapabilitiesSelfSource;
  /** How long Vault's answer for a (token, path) is trusted. */
  cacheTtlMs?: number;
  maxCachedDecisions?: number;
  /** Milliseconds, injectable for tests. */
  now?: () => number;
}

export const DEFAULT_DECISION_TTL_MS = 5_000;
export const DEFAULT_MAX_CACHED_DECISIONS = 10_000;

/** The checker for the configured mode (`SYNC_AUTH`): Vault-delegated, or static tokens with every capability. */
export function createAccessChecker(auth: AppConfig['auth'], options: AccessCheckerOptions = {}): AccessChecker {
  if (auth.mode === 'static') return new StaticTokenAccessChecker(auth.tokens);
  if (!options.vault) {
    throw new ConfigurationError(ErrorCode.InvalidConfiguration, 'SYNC_AUTH "vault" needs a Vault client to ask capabilities-self', 'SYNC_AUTH');
  }
  const cache = new SharedTtlCache<readonly string[]>({
    ttlMs: options.cacheTtlMs ?? DEFAULT_DECISION_TTL_MS,
    maxEntries: options.maxCachedDecisions ?? DEFAULT_MAX_CACHED_DECISIONS,
    now: options.now ?? Date.now,
  });
  return new VaultDelegatedAccessChecker(options.vault, cache);
}
