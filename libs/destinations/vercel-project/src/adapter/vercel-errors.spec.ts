import { ClientSideError, ErrorCode, ExternalServiceError, FailureClass, VaultSyncError } from '@vault-sync/domain';
import { classifyVercelError } from './vercel-errors';
import { VercelErrorBody, VercelHttpError } from './vercel-http-error';
import { THROTTLING_RETRY_AFTER_MS, retryAfterMsOf } from './vercel-retry-after';

const CONTEXT = { operation: 'createProjectEnv', target: 'API_KEY', redact: ['s3cr3t-value'] };
const NOW = 1_800_000_000_000;
const REQUEST_ID = 'fra1::abcde-1800000000000-0123456789ab';

function answer(status: number, body: VercelErrorBody, headers: Record<string, string> = {}): VercelHttpError {
  return new VercelHttpError(status, body, new Headers({ 'x-vercel-id': REQUEST_ID, ...headers }));
}

function classified(error: unknown): VaultSyncError {
  const result = classifyVercelError(error, CONTEXT, NOW);
  if (!(result instanceof VaultSyncError)) throw new Error(`not classified: ${String(result)}`);
  return result;
}

describe('classifyVercelError', () => {
  it.each([403, 401])('HTTP %i forbidden (bad token, or a team the token cannot act for) is a CLIENT_SIDE auth failure, not retried', (status) => {
    const error = classified(answer(status, { code: 'forbidden', message: 'Not authorized' }));
    expect(error).toBeInstanceOf(ClientSideError);
    expect(error.retryable).toBe(false);
    expect(error.toRecord()).toEqual({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationAuthFailed, message: expect.any(String), statusCode: status, requestId: REQUEST_ID });
    expect(error.message).toContain('team_id');
  });

  it('a missing project (404 not_found) is CLIENT_SIDE destination_not_found', () => {
    const error = classified(answer(404, { code: 'not_found', message: 'Project not found: prj_x' }));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationNotFound, statusCode: 404 });
    expect(error.message).toContain('Project not found: prj_x');
  });

  it.each([
    [400, 'ENV_CONFLICT'],
    [400, 'ENV_ALREADY_EXISTS'],
    [409, 'ENV_CONFLICT'],
    [400, 'bad_request'],
    [402, 'payment_required'],
  ])('HTTP %i %s is CLIENT_SIDE destination_rejected, not retried', (status, code) => {
    const error = classified(answer(status, { code, message: 'text' }));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationRejected, statusCode: status });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(code);
  });

  it('429 is a retryable, throttled EXTERNAL_SERVICE error waiting for the reset the answer names', () => {
    const error = classified(answer(429, { code: 'rate_limited', message: 'slow down' }, { 'x-ratelimit-reset': String(NOW / 1000 + 42) }));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationThrottled, statusCode: 429 });
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(42_000);
  });

  it.each([500, 502, 503, 504])('HTTP %i is a retryable EXTERNAL_SERVICE destination_unavailable', (status) => {
    const error = classified(answer(status, { code: 'internal_server_error', message: 'oops' }));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, statusCode: status });
    expect(error.retryable).toBe(true);
  });

  it('takes the value being written out of the service message, keeps the first line only', () => {
    const error = classified(answer(400, { code: 'bad_request', message: "Value 's3cr3t-value' is invalid\nmore detail" }));
    expect(error.message).toContain("Value '[redacted]' is invalid");
    expect(error.message).not.toContain('s3cr3t-value');
    expect(error.message).not.toContain('more detail');
  });

  it.each([
    ['ECONNRESET', ErrorCode.DestinationUnavailable],
    ['ECONNREFUSED', ErrorCode.DestinationUnavailable],
    ['UND_ERR_SOCKET', ErrorCode.DestinationUnavailable],
    ['UND_ERR_CONNECT_TIMEOUT', ErrorCode.DestinationTimeout],
  ])('fetch failing with %s is retryable', (code, expected: string) => {
    const error = classified(new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) }));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(true);
  });

  it('an aborted request (timeout signal) is a retryable destination_timeout', () => {
    const error = classified(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationTimeout });
  });

  it('passes classified errors and plain bugs through unchanged', () => {
    const before = new ClientSideError(ErrorCode.DestinationAuthFailed, 'x');
    const bug = new TypeError('cannot read properties of undefined');
    expect(classifyVercelError(before, CONTEXT)).toBe(before);
    expect(classifyVercelError(bug, CONTEXT)).toBe(bug);
  });
});

describe('retryAfterMsOf', () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it('prefers retry-after-ms, then Retry-After (seconds or a date), then X-RateLimit-Reset, then the body', () => {
    const all = { 'retry-after-ms': '1500', 'retry-after': '7', 'x-ratelimit-reset': String(NOW / 1000 + 30) };
    const body = { limit: { resetMs: NOW + 60_000, reset: NOW / 1000 + 90 } };
    expect(retryAfterMsOf(headers(all), body, NOW)).toBe(1_500);
    expect(retryAfterMsOf(headers({ 'retry-after': '7' }), body, NOW)).toBe(7_000);
    expect(retryAfterMsOf(headers({ 'retry-after': new Date(NOW + 9_000).toUTCString() }), body, NOW)).toBe(9_000);
    expect(retryAfterMsOf(headers({ 'x-ratelimit-reset': String(NOW / 1000 + 30) }), body, NOW)).toBe(30_000);
    expect(retryAfterMsOf(headers({}), body, NOW)).toBe(60_000);
    expect(retryAfterMsOf(headers({}), { limit: { reset: NOW / 1000 + 90 } }, NOW)).toBe(90_000);
  });

  it('falls back to a short wait when nothing names a reset in the future', () => {
    expect(retryAfterMsOf(headers({ 'x-ratelimit-reset': String(NOW / 1000 - 5), 'retry-after': 'soon' }), {}, NOW)).toBe(THROTTLING_RETRY_AFTER_MS);
  });
});
