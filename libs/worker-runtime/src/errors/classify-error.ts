import { ErrorCode, ExternalServiceError, VaultSyncError } from '@vault-sync/domain';

/**
 * Every failure reported on an association is a `VaultSyncError`. Adapters classify what their SDK throws; an
 * error that slipped through unclassified counts as a retryable destination failure. Its message is not kept:
 * an unknown error's text may quote a request, and with it a value.
 */
export function asVaultSyncError(err: unknown, operation: string): VaultSyncError {
  if (err instanceof VaultSyncError) return err;
  const name = err instanceof Error ? err.name : typeof err;
  return new ExternalServiceError(ErrorCode.DestinationUnavailable, `${operation} failed with an unclassified ${name}`, {
    retryable: true,
  });
}

/** The destination answered "slow down" (ThrottlingException, 429, RESOURCE_EXHAUSTED, ...). */
export function isThrottling(error: VaultSyncError): boolean {
  return error.code === ErrorCode.DestinationThrottled;
}

/** What a log line may say about an error: its classification and references, never a cause or stack. */
export function describeFailure(error: VaultSyncError): Record<string, unknown> {
  return {
    code: error.code,
    failureClass: error.failureClass,
    retryable: error.retryable,
    ...(error.statusCode === undefined ? {} : { statusCode: error.statusCode }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    reason: error.message,
  };
}
