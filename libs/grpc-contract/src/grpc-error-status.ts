import { status } from '@grpc/grpc-js';
import { ClientSideError, ConfigurationError, ErrorCode, ExternalServiceError, InternalVaultError } from '@vault-sync/domain';

/** What a failed call answers: a gRPC status code and a message safe to show (never a secret value). */
export interface GrpcErrorStatus {
  code: status;
  message: string;
}

/** The message of an error we cannot vouch for: its own text might carry anything. */
export const INTERNAL_ERROR_MESSAGE = 'internal error';

const CODE_STATUS: Readonly<Partial<Record<string, status>>> = {
  [ErrorCode.InvalidConfiguration]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidTemplate]: status.INVALID_ARGUMENT,
  [ErrorCode.InvalidName]: status.INVALID_ARGUMENT,
  [ErrorCode.UnknownDestination]: status.NOT_FOUND,
  [ErrorCode.UnknownAssociation]: status.NOT_FOUND,
  [ErrorCode.MountNotFound]: status.NOT_FOUND,
  [ErrorCode.SecretNotFound]: status.NOT_FOUND,
  [ErrorCode.PermissionDenied]: status.PERMISSION_DENIED,
  [ErrorCode.VaultPermissionDenied]: status.PERMISSION_DENIED,
  [ErrorCode.DestinationExists]: status.FAILED_PRECONDITION,
  [ErrorCode.DestinationInUse]: status.FAILED_PRECONDITION,
  [ErrorCode.DestinationPurging]: status.FAILED_PRECONDITION,
  [ErrorCode.IllegalTransition]: status.FAILED_PRECONDITION,
  // gRPC's code for a lost optimistic-concurrency race: the client retries the whole read-modify-write.
  [ErrorCode.ConcurrentModification]: status.ABORTED,
  // Before the generic rule for InternalVaultError: a full queue is the caller's cue to back off.
  [ErrorCode.QueueFull]: status.RESOURCE_EXHAUSTED,
};

/**
 * The gRPC status of an error raised while serving a call, with the error's own message for every error of ours
 * (their messages name fields, paths and destinations, never values). By error code first, then by class:
 * configuration errors are INVALID_ARGUMENT, other client-side errors (operator-fixable) FAILED_PRECONDITION,
 * retryable Vault/store failures and destination failures UNAVAILABLE, the rest INTERNAL with a generic message.
 */
export function grpcErrorStatus(error: unknown): GrpcErrorStatus {
  if (!(error instanceof Error)) return { code: status.INTERNAL, message: INTERNAL_ERROR_MESSAGE };
  const byCode = CODE_STATUS[codeOf(error)];
  if (byCode !== undefined) return { code: byCode, message: error.message };
  if (error instanceof ConfigurationError) return { code: status.INVALID_ARGUMENT, message: error.message };
  if (error instanceof ClientSideError) return { code: status.FAILED_PRECONDITION, message: error.message };
  if (error instanceof ExternalServiceError) return { code: status.UNAVAILABLE, message: error.message };
  if (error instanceof InternalVaultError) return { code: error.retryable ? status.UNAVAILABLE : status.INTERNAL, message: error.message };
  return { code: status.INTERNAL, message: INTERNAL_ERROR_MESSAGE };
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}
