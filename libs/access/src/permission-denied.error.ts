import { ClientSideError, ErrorCode } from '@vault-sync/domain';

/**
 * The caller may not do this: no token, an unknown, expired or revoked token, or a policy without the capability.
 * One message for all of them, as Vault does (spec vault-sync-api §2), so a caller cannot probe which one it was.
 */
export class PermissionDeniedError extends ClientSideError {
  constructor() {
    super(ErrorCode.PermissionDenied, 'permission denied');
  }
}
