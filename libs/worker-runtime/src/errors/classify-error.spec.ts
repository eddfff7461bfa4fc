import { ClientSideError, ErrorCode, ExternalServiceError, FailureClass } from '@vault-sync/domain';
import { asVaultSyncError, describeFailure, isThrottling } from './classify-error';

describe('error classification fallback', () => {
  it('keeps an adapter’s classified error as it is', () => {
    const error = new ClientSideError(ErrorCode.DestinationPermissionDenied, 'AccessDeniedException on vault/app/db', { statusCode: 400, requestId: 'req-1' });
    expect(asVaultSyncError(error, 'write')).toBe(error);
  });

  it('turns anything else into a retryable external-service error that does not repeat its message', () => {
    const leaky = new TypeError('cannot parse {"SecretString":"hunter2"}');
    const error = asVaultSyncError(leaky, 'write of secret "vault/app/db"');
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error).toMatchObject({ failureClass: FailureClass.ExternalService, retryable: true, code: ErrorCode.DestinationUnavailable });
    expect(error.message).toBe('write of secret "vault/app/db" failed with an unclassified TypeError');
    expect(JSON.stringify(describeFailure(error))).not.toContain('hunter2');
    expect(asVaultSyncError('a string', 'inspect').message).toBe('inspect failed with an unclassified string');
  });

  it('recognises throttling by code', () => {
    expect(isThrottling(new ExternalServiceError(ErrorCode.DestinationThrottled, 'ThrottlingException'))).toBe(true);
    expect(isThrottling(new ExternalServiceError(ErrorCode.DestinationTimeout, 'timeout'))).toBe(false);
  });

  it('describes a failure with its class, status code and request id', () => {
    const error = new ExternalServiceError(ErrorCode.DestinationUnavailable, 'InternalServiceError', { statusCode: 500, requestId: 'r-9' });
    expect(describeFailure(error)).toEqual({
      code: ErrorCode.DestinationUnavailable,
      failureClass: FailureClass.ExternalService,
      retryable: true,
      statusCode: 500,
      requestId: 'r-9',
      reason: 'InternalServiceError',
    });
  });
});
