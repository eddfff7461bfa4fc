import { ClientSideError, DestinationRef, ErrorCode, InternalVaultError, destinationKey } from '@vault-sync/domain';

export class DestinationNotFoundError extends ClientSideError {
  constructor(readonly destination: DestinationRef) {
    super(ErrorCode.UnknownDestination, `destination ${destinationKey(destination)} does not exist`);
  }
}

export class DestinationAlreadyExistsError extends ClientSideError {
  constructor(readonly destination: DestinationRef) {
    super(ErrorCode.DestinationExists, `destination ${destinationKey(destination)} already exists`);
  }
}

/** Vault's wording for a delete without purge while associations remain (spec §3.5). */
export class DestinationInUseError extends ClientSideError {
  constructor(
    readonly destination: DestinationRef,
    readonly associationCount: number,
  ) {
    super(
      ErrorCode.DestinationInUse,
      `store cannot be deleted because it is still managing secrets: destination ${destinationKey(destination)} has ${associationCount} association(s)`,
    );
  }
}

export class DestinationPurgingError extends ClientSideError {
  constructor(readonly destination: DestinationRef) {
    super(ErrorCode.DestinationPurging, `destination ${destinationKey(destination)} is being purged`);
  }
}

export class AssociationNotFoundError extends ClientSideError {
  constructor(readonly associationId: string) {
    super(ErrorCode.UnknownAssociation, `association ${associationId} does not exist`);
  }
}

/** Optimistic concurrency gave up: the record kept changing under us, or the caller's expected revision is stale. */
export class ConcurrentModificationError extends InternalVaultError {
  constructor(readonly subject: string) {
    super(ErrorCode.ConcurrentModification, `${subject} was modified concurrently; retry with a fresh read`);
  }
}

/** Wrong or unknown key, tampered or swapped envelope. Retrying cannot help. */
export class CredentialDecryptionError extends InternalVaultError {
  constructor(readonly destination: DestinationRef, reason: string) {
    super(
      ErrorCode.CredentialDecryptionFailed,
      `cannot decrypt the credentials of destination ${destinationKey(destination)}: ${reason}`,
      { retryable: false },
    );
  }
}

export class GithubAppNotFoundError extends ClientSideError {
  constructor(readonly appName: string) {
    super(ErrorCode.UnknownGithubApp, `GitHub app ${appName} does not exist`);
  }
}

export class GithubAppAlreadyExistsError extends ClientSideError {
  constructor(readonly appName: string) {
    super(ErrorCode.GithubAppExists, `GitHub app ${appName} already exists`);
  }
}

export class GithubAppKeyDecryptionError extends InternalVaultError {
  constructor(readonly appName: string, reason: string) {
    super(ErrorCode.CredentialDecryptionFailed, `cannot decrypt the private key of GitHub app ${appName}: ${reason}`, { retryable: false });
  }
}

/** A boot-time problem with the credential encryption key. */
export class EncryptionKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionKeyError';
  }
}
