import { status } from '@grpc/grpc-js';
import { ClientSideError, ErrorCode, ExternalServiceError, FailureClass, VaultSyncError } from '@vault-sync/domain';
import { GoogleError } from 'google-gax';
import { classifyGcpError, grpcCodeOf, THROTTLING_RETRY_AFTER_MS } from './gcp-sm-errors';

const CONTEXT = { operation: 'AddSecretVersion', target: 'projects/p1/secrets/app', redact: ['s3cr3t-value'] };

/** What gax rejects with for a gRPC status: `<code> <NAME>: <details>` with the code and details apart. */
function googleError(code: status, details: string): GoogleError {
  return Object.assign(new GoogleError(`${code} ${status[code]}: ${details}`), { code, details });
}

function classified(error: unknown): VaultSyncError {
  const result = classifyGcpError(error, CONTEXT);
  if (!(result instanceof VaultSyncError)) throw new Error(`not classified: ${String(result)}`);
  return result;
}

describe('classifyGcpError', () => {
  it.each([
    [status.PERMISSION_DENIED, ErrorCode.DestinationPermissionDenied],
    [status.UNAUTHENTICATED, ErrorCode.DestinationAuthFailed],
    [status.INVALID_ARGUMENT, ErrorCode.DestinationRejected],
    [status.FAILED_PRECONDITION, ErrorCode.DestinationRejected],
    [status.ALREADY_EXISTS, ErrorCode.DestinationRejected],
    [status.NOT_FOUND, ErrorCode.DestinationNotFound],
  ])('gRPC status %i is a CLIENT_SIDE error (%s), not retried', (code, expected) => {
    const error = classified(googleError(code, 'text'));
    expect(error).toBeInstanceOf(ClientSideError);
    expect(error.retryable).toBe(false);
    expect(error.toRecord()).toEqual({ failureClass: FailureClass.ClientSide, code: expected, message: expect.any(String), statusCode: code });
  });

  it('names what was denied, in the service words', () => {
    const denied = classified(googleError(status.PERMISSION_DENIED, "Permission 'secretmanager.versions.add' denied for resource 'projects/p1/secrets/app'"));
    expect(denied.message).toContain('AddSecretVersion on projects/p1/secrets/app');
    expect(denied.message).toContain("Permission 'secretmanager.versions.add' denied");
  });

  it('RESOURCE_EXHAUSTED is a retryable, throttled EXTERNAL_SERVICE error', () => {
    const error = classified(googleError(status.RESOURCE_EXHAUSTED, "Quota exceeded for quota metric 'Write requests'"));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.code).toBe(ErrorCode.DestinationThrottled);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(THROTTLING_RETRY_AFTER_MS);
  });

  it.each([
    [status.UNAVAILABLE, ErrorCode.DestinationUnavailable],
    [status.INTERNAL, ErrorCode.DestinationUnavailable],
    [status.UNKNOWN, ErrorCode.DestinationUnavailable],
    [status.ABORTED, ErrorCode.DestinationUnavailable],
    [status.DEADLINE_EXCEEDED, ErrorCode.DestinationTimeout],
  ])('gRPC status %i is a retryable EXTERNAL_SERVICE error (%s)', (code, expected) => {
    const error = classified(googleError(code, 'transient'));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: expected, statusCode: code });
    expect(error.retryable).toBe(true);
  });

  it.each([
    [429, ErrorCode.DestinationThrottled],
    [403, ErrorCode.DestinationPermissionDenied],
    [404, ErrorCode.DestinationNotFound],
    [503, ErrorCode.DestinationUnavailable],
    [502, ErrorCode.DestinationUnavailable],
  ])('accepts the REST fallback form, HTTP %i', (http, expected) => {
    const error = Object.assign(new Error('request failed'), { name: 'GaxiosError', status: http, code: http });
    expect(grpcCodeOf(error)).toBeDefined();
    expect(classified(error).code).toBe(expected);
  });

  it('takes the value being written out of the service message, keeps the first line only', () => {
    const error = classified(googleError(status.INVALID_ARGUMENT, "Payload 's3cr3t-value' is invalid\nmore detail"));
    expect(error.message).toContain("Payload '[redacted]' is invalid");
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('more detail');
  });

  it('reports a key google-auth could not use as CLIENT_SIDE, although grpc-js calls it UNAVAILABLE', () => {
    const error = classified(googleError(status.UNAVAILABLE, 'Getting metadata from plugin failed with error: invalid_grant: Invalid JWT Signature.'));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationAuthFailed });
    expect(error.message).not.toContain('invalid_grant');
  });

  it('reports missing default credentials and a missing project as CLIENT_SIDE configuration problems', () => {
    expect(classified(new Error('Could not load the default credentials. Browse to https://…')).code).toBe(ErrorCode.DestinationAuthFailed);
    expect(classified(new Error('Unable to detect a Project Id in the current environment.')).code).toBe(ErrorCode.InvalidConfiguration);
  });

  it('passes classified errors and plain bugs through unchanged', () => {
    const before = new ClientSideError(ErrorCode.DestinationAuthFailed, 'x');
    const bug = new TypeError('cannot read properties of undefined');
    expect(classifyGcpError(before, CONTEXT)).toBe(before);
    expect(classifyGcpError(bug, CONTEXT)).toBe(bug);
  });
});
