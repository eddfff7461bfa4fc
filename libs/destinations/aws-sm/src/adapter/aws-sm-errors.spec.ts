import { SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import { STSServiceException } from '@aws-sdk/client-sts';
import { ClientSideError, ErrorCode, ExternalServiceError, FailureClass, VaultSyncError } from '@vault-sync/domain';
import { classifyAwsError, QUOTA_RETRY_AFTER_MS, THROTTLING_RETRY_AFTER_MS } from './aws-sm-errors';

const CONTEXT = { operation: 'PutSecretValue', target: 'vault/kv_1/app', redact: ['s3cr3t-value'] };
const REQUEST_ID = '3f1b6a1e-0000-4000-8000-000000000001';

function serviceError(name: string, status: number, fault: 'client' | 'server' = status >= 500 ? 'server' : 'client', message = 'text'): Error {
  return new SecretsManagerServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status, requestId: REQUEST_ID }, message });
}

function classified(error: unknown): VaultSyncError {
  const result = classifyAwsError(error, CONTEXT);
  if (!(result instanceof VaultSyncError)) throw new Error(`not classified: ${String(result)}`);
  return result;
}

describe('classifyAwsError', () => {
  it.each([
    ['UnrecognizedClientException', 400],
    ['InvalidSignatureException', 403],
    ['IncompleteSignatureException', 400],
    ['MissingAuthenticationTokenException', 400],
    ['ExpiredTokenException', 400],
    ['RequestExpired', 400],
    ['InvalidClientTokenId', 403],
    ['SignatureDoesNotMatch', 403],
  ])('%s (HTTP %i) is a CLIENT_SIDE auth failure, not retried', (name, status) => {
    const error = classified(serviceError(name, status));
    expect(error).toBeInstanceOf(ClientSideError);
    expect(error.retryable).toBe(false);
    expect(error.toRecord()).toEqual({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationAuthFailed, message: expect.any(String), statusCode: status, requestId: REQUEST_ID });
  });

  it('keeps the service text of a signature error out of the message (it can carry the canonical request)', () => {
    const error = classified(serviceError('InvalidSignatureException', 403, 'client', 'The request signature ... x-amz-security-token:SESSION'));
    expect(error.message).not.toContain('SESSION');
  });

  it.each(['AccessDeniedException', 'AccessDenied'])('%s is a CLIENT_SIDE permission failure naming what was denied', (name) => {
    const error = classified(serviceError(name, 400, 'client', 'User: arn:aws:iam::1:user/u is not authorized to perform: secretsmanager:PutSecretValue'));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationPermissionDenied });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('PutSecretValue on vault/kv_1/app');
    expect(error.message).toContain('not authorized to perform: secretsmanager:PutSecretValue');
  });

  it.each([
    ['ThrottlingException', 400],
    ['Throttling', 400],
    ['TooManyRequestsException', 429],
    ['SomethingElse', 429],
  ])('%s (HTTP %i) is a retryable, throttled EXTERNAL_SERVICE error', (name, status) => {
    const error = classified(serviceError(name, status));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.code).toBe(ErrorCode.DestinationThrottled);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(THROTTLING_RETRY_AFTER_MS);
  });

  it.each([
    ['InternalServiceError', 500],
    ['InternalFailure', 500],
    ['ServiceUnavailable', 503],
    ['UnknownGatewayThing', 502],
  ])('%s (HTTP %i) is a retryable EXTERNAL_SERVICE error', (name, status) => {
    const error = classified(serviceError(name, status));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, statusCode: status });
    expect(error.retryable).toBe(true);
  });

  it('treats a server fault answered with 400 as retryable too', () => {
    expect(classified(serviceError('InternalServiceError', 400, 'server')).retryable).toBe(true);
  });

  it.each([
    ['ResourceExistsException', ErrorCode.DestinationRejected],
    ['InvalidRequestException', ErrorCode.DestinationRejected],
    ['InvalidParameterException', ErrorCode.DestinationRejected],
    ['ValidationException', ErrorCode.DestinationRejected],
    ['EncryptionFailure', ErrorCode.DestinationRejected],
    ['DecryptionFailure', ErrorCode.DestinationRejected],
    ['MalformedPolicyDocumentException', ErrorCode.DestinationRejected],
    ['PreconditionNotMetException', ErrorCode.DestinationRejected],
    ['ResourceNotFoundException', ErrorCode.DestinationNotFound],
  ])('%s is a CLIENT_SIDE error, not retried', (name, code) => {
    const error = classified(serviceError(name, 400));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code, statusCode: 400, requestId: REQUEST_ID });
    expect(error.retryable).toBe(false);
  });

  it('retries LimitExceededException slowly but reports it as CLIENT_SIDE (a quota, not a rate)', () => {
    const error = classified(serviceError('LimitExceededException', 400));
    expect(error.failureClass).toBe(FailureClass.ClientSide);
    expect(error.code).not.toBe(ErrorCode.DestinationThrottled);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(QUOTA_RETRY_AFTER_MS);
  });

  it('takes the value being written out of the service message, keeps the first line only', () => {
    const error = classified(serviceError('ValidationException', 400, 'client', "Value 's3cr3t-value' at 'secretString' failed\nmore detail"));
    expect(error.message).toContain("Value '[redacted]' at 'secretString' failed");
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('more detail');
  });

  it('classifies STS errors (query protocol) by the same names', () => {
    const denied = new STSServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'not authorized' });
    expect(classified(denied).code).toBe(ErrorCode.DestinationPermissionDenied);
  });

  it.each([
    ['ECONNRESET', 'TimeoutError', ErrorCode.DestinationUnavailable],
    ['ECONNREFUSED', 'Error', ErrorCode.DestinationUnavailable],
    ['EPIPE', 'TimeoutError', ErrorCode.DestinationUnavailable],
    ['ETIMEDOUT', 'TimeoutError', ErrorCode.DestinationTimeout],
  ])('a socket error %s (named %s) is retryable', (code, name, expected: string) => {
    const error = classified(Object.assign(new Error('socket hang up'), { code, name, $metadata: { attempts: 1 } }));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(true);
  });

  it('treats an SDK error that never got an answer (no fault, no status) as retryable', () => {
    const wrapped = Object.assign(new Error('AWS SDK error wrapper for TimeoutError: socket hang up'), { $metadata: { attempts: 1 } });
    expect(classified(wrapped).toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable });
  });

  it('reports a missing credential chain and a missing region as CLIENT_SIDE configuration problems', () => {
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(classified(noCredentials).code).toBe(ErrorCode.DestinationAuthFailed);
    expect(classified(new Error('Region is missing')).code).toBe(ErrorCode.InvalidConfiguration);
  });

  it('passes classified errors and plain bugs through unchanged', () => {
    const classifiedBefore = new ClientSideError(ErrorCode.DestinationAuthFailed, 'x');
    const bug = new TypeError('cannot read properties of undefined');
    expect(classifyAwsError(classifiedBefore, CONTEXT)).toBe(classifiedBefore);
    expect(classifyAwsError(bug, CONTEXT)).toBe(bug);
  });
});
