import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { ClientSideError, ErrorCode, ExternalServiceError, FailureClass, VaultSyncError } from '@vault-sync/domain';
import { classifyAzureError, CONFLICT_RETRY_AFTER_MS, MSAL_THROTTLE_MS, retryAfterMsOf, THROTTLING_RETRY_AFTER_MS } from './azure-kv-errors';

const CONTEXT = { operation: 'setSecret', target: 'secret app in https://v.vault.azure.net' };
const REQUEST_ID = '3f1b6a1e-0000-4000-8000-000000000001';
const NOW = Date.parse('2026-01-01T00:00:00Z');

function headersOf(values: Record<string, string>) {
  return { get: (name: string) => values[name.toLowerCase()] };
}

/** A RestError as the core pipeline surfaces a Key Vault answer: status, `error.code`, the parsed body, headers. */
function restError(status: number | undefined, code: string, message = 'text', inner?: string, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode: status,
    code,
    details: { error: { code, message, ...(inner ? { innerError: { code: inner } } : {}) } },
    response: status === undefined ? undefined : { headers: headersOf({ 'x-ms-request-id': REQUEST_ID, ...headers }) },
  });
}

function classified(error: unknown): VaultSyncError {
  const result = classifyAzureError(error, CONTEXT, NOW);
  if (!(result instanceof VaultSyncError)) throw new Error(`not classified: ${String(result)}`);
  return result;
}

describe('classifyAzureError', () => {
  it.each([
    [401, 'Unauthorized', ErrorCode.DestinationAuthFailed],
    [403, 'Forbidden', ErrorCode.DestinationPermissionDenied],
    [404, 'SecretNotFound', ErrorCode.DestinationNotFound],
    [400, 'BadParameter', ErrorCode.DestinationRejected],
  ])('HTTP %i %s is a CLIENT_SIDE error, not retried, with the request id', (status, code, expected) => {
    const error = classified(restError(status, code, 'Caller is not authorized to perform action on resource.'));
    expect(error).toBeInstanceOf(ClientSideError);
    expect(error.retryable).toBe(false);
    expect(error.toRecord()).toEqual({ failureClass: FailureClass.ClientSide, code: expected, message: expect.any(String), statusCode: status, requestId: REQUEST_ID });
    expect(error.message).toContain('setSecret on secret app in https://v.vault.azure.net');
    expect(error.message).toContain(code);
  });

  it('keeps the service text to its first line, capped', () => {
    const error = classified(restError(400, 'BadParameter', `${'x'.repeat(400)}\nsecond line`));
    expect(error.message).not.toContain('second line');
    expect(error.message).toContain('…');
  });

  it.each([
    [{ 'retry-after': '7' }, 7_000],
    [{ 'retry-after-ms': '250', 'retry-after': '7' }, 250],
    [{ 'x-ms-retry-after-ms': '1500' }, 1_500],
    [{ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, 30_000],
    [{}, THROTTLING_RETRY_AFTER_MS],
    [{ 'retry-after': 'soon' }, THROTTLING_RETRY_AFTER_MS],
  ])('429 with %j is a retryable, throttled EXTERNAL_SERVICE error waiting %i ms', (headers, waitMs) => {
    const error = classified(restError(429, 'Throttled', 'too many requests', undefined, headers));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.code).toBe(ErrorCode.DestinationThrottled);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(waitMs);
  });

  it.each([
    [500, 'InternalServerError', ErrorCode.DestinationUnavailable],
    [503, 'ServiceUnavailable', ErrorCode.DestinationUnavailable],
    [408, 'RequestTimeout', ErrorCode.DestinationTimeout],
  ])('HTTP %i %s is a retryable EXTERNAL_SERVICE error', (status, code, expected) => {
    const error = classified(restError(status, code));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: expected, statusCode: status });
    expect(error.retryable).toBe(true);
  });

  it.each(['ObjectIsBeingRecovered', 'ObjectIsBeingDeleted', undefined])('409 %s (a state still settling) is retryable after a short wait', (inner) => {
    const error = classified(restError(409, 'Conflict', 'retry later', inner));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.ConcurrentModification, statusCode: 409 });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(CONFLICT_RETRY_AFTER_MS);
  });

  it('409 ObjectIsDeletedButRecoverable left unhandled is CLIENT_SIDE, naming recover or purge', () => {
    const error = classified(restError(409, 'Conflict', 'Secret app is currently in a deleted but recoverable state', 'ObjectIsDeletedButRecoverable'));
    expect(error.failureClass).toBe(FailureClass.ClientSide);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('recover or purge');
  });

  it.each([
    ['ECONNRESET', ErrorCode.DestinationUnavailable],
    ['REQUEST_SEND_ERROR', ErrorCode.DestinationUnavailable],
  ])('a RestError without an answer (%s) is retryable', (code, expected) => {
    const error = classified(restError(undefined, code, 'socket hang up'));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.code).toBe(expected);
  });

  it('a request timeout (the pipeline aborts) is a retryable timeout', () => {
    const aborted = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(classified(aborted).toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationTimeout });
  });

  it('a token endpoint refusing the client secret is a CLIENT_SIDE auth failure with the AAD text', () => {
    const refused = new AuthenticationRequiredError({ scopes: ['https://vault.azure.net/.default'], message: 'invalid_client: AADSTS7000215: Invalid client secret provided.' });
    const error = classified(refused);
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationAuthFailed });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('AADSTS7000215');
  });

  it('a credential that cannot be used here (wrong tenant, no managed identity) is a CLIENT_SIDE auth failure', () => {
    expect(classified(new CredentialUnavailableError('ManagedIdentityCredential: no managed identity endpoint')).code).toBe(ErrorCode.DestinationAuthFailed);
  });

  it.each([
    ['temporarily_unavailable', new AuthenticationRequiredError({ scopes: [], message: 'temporarily_unavailable: AADSTS50196 try again' })],
    ['a 503 from the authority', new AuthenticationError(503, { error: 'server_error', error_description: 'down' })],
  ])('an authority that is down (%s) is retryable', (_case, failure) => {
    const error = classified(failure);
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable });
    expect(error.retryable).toBe(true);
  });

  it("MSAL's local hold-off after a transient authority failure is retryable after MSAL's wait", () => {
    const error = classified(new AuthenticationRequiredError({ scopes: [], message: '90033: AADSTS90033: A transient error has occurred.' }));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable });
    expect(error.retryAfterMs).toBe(MSAL_THROTTLE_MS);
  });

  it('a throttled authority is throttled too', () => {
    expect(classified(new AuthenticationError(429, { error: 'too_many_requests', error_description: 'slow down' })).code).toBe(ErrorCode.DestinationThrottled);
  });

  it('passes classified errors and plain bugs through unchanged', () => {
    const before = new ClientSideError(ErrorCode.InvalidConfiguration, 'x');
    const bug = new TypeError('cannot read properties of undefined');
    expect(classifyAzureError(before, CONTEXT)).toBe(before);
    expect(classifyAzureError(bug, CONTEXT)).toBe(bug);
  });

  it('reads Retry-After only from the headers it knows', () => {
    expect(retryAfterMsOf(undefined, NOW)).toBe(THROTTLING_RETRY_AFTER_MS);
  });
});
