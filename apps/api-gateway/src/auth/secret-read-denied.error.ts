import { ClientSideError, ErrorCode } from '@vault-sync/domain';

/** The caller may not read the secret it asks to associate (spec §3.7 step 2): 403 with Vault's wording. */
export class SecretReadDeniedError extends ClientSideError {
  constructor(mount: string, secretName: string) {
    super(ErrorCode.VaultPermissionDenied, `permission denied to read the content of the secret ${secretName} in mount ${mount}`);
  }
}
