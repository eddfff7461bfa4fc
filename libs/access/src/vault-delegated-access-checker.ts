import { createHmac, randomBytes } from 'node:crypto';
import { ErrorCode, VaultSyncError } from '@vault-sync/domain';
import { AccessChecker, AccessRequest } from './access-checker';
import { grantsCapability } from './capability';
import { PermissionDeniedError } from './permission-denied.error';
import { SharedTtlCache } from './shared-ttl-cache';

/** `POST sys/capabilities-self` sent with the caller's token; `VaultClient` of @vault-sync/vault-client is one. */
export interface CapabilitiesSelfSource {
  capabilitiesSelf(callerToken: string, paths: readonly string[]): Promise<Record<string, string[]>>;
}

const NO_CAPABILITIES: readonly string[] = [];

/**
 * `SYNC_AUTH=vault`: Vault itself decides, from the caller's token and its policies (spec vault-sync-api §10).
 * Answers are cached per (token, path) for a few seconds, so a policy change or revocation takes effect after
 * at most one TTL.
 */
export class VaultDelegatedAccessChecker implements AccessChecker {
  // Cache keys are keyed hashes: neither the token nor a digest an attacker could check guesses against sits in memory.
  private readonly keySecret = randomBytes(32);

  constructor(
    private readonly vault: CapabilitiesSelfSource,
    private readonly cache: SharedTtlCache<readonly string[]>,
  ) {}

  async authorize({ token, path, capability }: AccessRequest): Promise<void> {
    if (!token) throw new PermissionDeniedError();
    const capabilities = await this.cache.getOrLoad(this.cacheKey(token, path), () => this.capabilitiesOf(token, path));
    if (!grantsCapability(capabilities, capability)) throw new PermissionDeniedError();
  }

  private cacheKey(token: string, path: string): string {
    return createHmac('sha256', this.keySecret).update(JSON.stringify([token, path])).digest('base64url');
  }

  /**
   * Vault answers 403 to capabilities-self only when the token itself is unusable (unknown, expired, revoked):
   * that is a denial, and cached like one. Any other failure (unreachable, 5xx) propagates as Vault's
   * `InternalVaultError`, is not cached, and is the gateway's 5xx, not the caller's 403.
   */
  private async capabilitiesOf(token: string, path: string): Promise<readonly string[]> {
    try {
      const answer = await this.vault.capabilitiesSelf(token, [path]);
      return answer[path] ?? NO_CAPABILITIES;
    } catch (err) {
      if (err instanceof VaultSyncError && err.code === ErrorCode.VaultPermissionDenied) return NO_CAPABILITIES;
      throw err;
    }
  }
}
