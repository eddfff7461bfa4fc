import { Capability } from './capability';

export interface AccessRequest {
  /** The caller's token as sent (`X-Vault-Token` or `Authorization: Bearer`); `undefined` when none was sent. */
  token: string | undefined;
  /** Vault API path without `/v1/`, e.g. `sys/sync/destinations/gh/ci-repo` or `secret/data/app/db`. */
  path: string;
  capability: Capability;
}

/** Decides whether a gateway caller may perform an operation. */
export interface AccessChecker {
  /**
   * Resolves when allowed. Rejects with `PermissionDeniedError` when the token is missing, invalid or lacks the
   * capability, and with the `InternalVaultError` of the Vault call when Vault could not answer.
   */
  authorize(request: AccessRequest): Promise<void>;
}
