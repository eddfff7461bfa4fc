import { EmulatorRequest, EmulatorResponse } from '../core/router';
import { KeyVaultError, keyVaultErrorResponse } from './azure-kv.errors';
import { TokenRejection, TokenSigner, VAULT_RESOURCE } from './azure-kv.tokens';

/**
 * Spec §2.1: the challenge names the tenant in the path of `authorization` (the SDK takes its tenant from there,
 * and identity refuses a tenant other than the credential's) and the resource the token must be for.
 */
export const challengeHeader = (tenantId: string) => `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${VAULT_RESOURCE}"`;

function rejectionMessage(rejection: TokenRejection): string {
  switch (rejection.reason) {
    case 'malformed':
      return "[BearerReadAccessTokenFailed] Error validating token: 'S2S12005'.";
    case 'unknown-key':
      return 'AKV10046: Unable to resolve the key used for signature validation.';
    case 'audience':
      return `AKV10022: Invalid audience. Expected ${VAULT_RESOURCE}, found: ${rejection.found}.`;
    case 'issuer':
      return `AKV10032: Invalid issuer. Expected one of ${rejection.expected}, found ${rejection.found}.`;
    case 'expired':
      return "[TokenExpired] Error validating token: 'S2S12086'.";
    case 'not-yet-valid':
      return 'Token not yet valid.';
  }
}

/** Every Key Vault 401 carries the challenge, so the SDK can (re)acquire a token. */
const unauthorized = (tenantId: string, message: string): EmulatorResponse =>
  keyVaultErrorResponse(new KeyVaultError(401, 'Unauthorized', message, undefined, { 'www-authenticate': challengeHeader(tenantId) }));

/**
 * Key Vault's bearer check: no token (the SDK's first, body-less request) gets the challenge; a token that is
 * not a valid, unexpired one from this authority for `https://vault.azure.net` and the vault's tenant gets 401.
 */
export function authenticateVaultRequest(request: EmulatorRequest, signer: TokenSigner, tenantId: string): EmulatorResponse | undefined {
  const header = String(request.headers['authorization'] ?? '');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!bearer) return unauthorized(tenantId, 'AKV10000: Request is missing a Bearer or PoP token.');
  const verdict = signer.verify(bearer[1], tenantId);
  return 'reason' in verdict ? unauthorized(tenantId, rejectionMessage(verdict)) : undefined;
}
