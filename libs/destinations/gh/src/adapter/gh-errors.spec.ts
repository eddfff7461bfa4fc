import { ClientSideError, ErrorCode, ExternalServiceError, FailureClass, VaultSyncError } from '@vault-sync/domain';
import { classifyGhError, rateLimitWaitMs, SECONDARY_RATE_LIMIT_WAIT_MS } from './gh-errors';

type RequestErrorModule = typeof import('@octokit/request-error');
// ESM-only, like @octokit/rest: loaded through Node's own loader (see octokit.ts).
const { RequestError } = process.getBuiltinModule('node:module').createRequire(__filename)('@octokit/request-error') as RequestErrorModule;

const CONTEXT = { operation: 'actions.createOrUpdateRepoSecret', target: 'secret VAULT_APP in repository acme/web' };
const REQUEST_ID = 'C0DE:1A2B:3C4D5E:6F7A8B9:6789ABCD';
const NOW_MS = 1_760_000_000_000;
const REQUEST = { method: 'PUT' as const, url: 'https://api.github.com/repos/acme/web/actions/secrets/VAULT_APP', headers: {} };

function httpError(status: number, message: string, headers: Record<string, string> = {}): Error {
  const data = { message, documentation_url: 'https://docs.github.com/rest', status: String(status) };
  return new RequestError(`${message} - https://docs.github.com/rest`, status, {
    request: REQUEST,
    response: { status, url: REQUEST.url, headers: { 'x-github-request-id': REQUEST_ID, ...headers }, data },
  });
}

function classified(error: unknown): VaultSyncError {
  const result = classifyGhError(error, CONTEXT, NOW_MS);
  if (!(result instanceof VaultSyncError)) throw new Error(`not classified: ${String(result)}`);
  return result;
}

describe('classifyGhError', () => {
  it('reports 401 Bad credentials as a CLIENT_SIDE auth failure, not retried', () => {
    const error = classified(httpError(401, 'Bad credentials'));
    expect(error).toBeInstanceOf(ClientSideError);
    expect(error.retryable).toBe(false);
    expect(error.toRecord()).toEqual({
      failureClass: FailureClass.ClientSide,
      code: ErrorCode.DestinationAuthFailed,
      message: `GitHub rejected the credentials for ${CONTEXT.operation} on ${CONTEXT.target} (HTTP 401 Bad credentials)`,
      statusCode: 401,
      requestId: REQUEST_ID,
    });
  });

  it('reports a 403 with budget left and no rate-limit wording as a CLIENT_SIDE permission failure', () => {
    const error = classified(httpError(403, 'Resource not accessible by personal access token', { 'x-ratelimit-remaining': '4999' }));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code: ErrorCode.DestinationPermissionDenied, statusCode: 403 });
    expect(error.message).toContain('Resource not accessible by personal access token');
  });

  it.each([403, 429])('reports a primary rate limit (HTTP %i, remaining 0) as throttled until x-ratelimit-reset', (status) => {
    const reset = NOW_MS / 1000 + 1_200;
    const error = classified(httpError(status, 'API rate limit exceeded for user ID 1.', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.retryable).toBe(true);
    expect(error.code).toBe(ErrorCode.DestinationThrottled);
    expect(error.retryAfterMs).toBe(1_200_000);
  });

  it('reports a secondary rate limit by its wording, waiting retry-after seconds', () => {
    const error = classified(httpError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes.', { 'x-ratelimit-remaining': '4000', 'retry-after': '37' }));
    expect(error.code).toBe(ErrorCode.DestinationThrottled);
    expect(error.retryAfterMs).toBe(37_000);
  });

  it('waits at least a minute on a secondary rate limit without retry-after', () => {
    expect(classified(httpError(429, 'You have exceeded a secondary rate limit.', { 'x-ratelimit-remaining': '12' })).retryAfterMs).toBe(SECONDARY_RATE_LIMIT_WAIT_MS);
  });

  it.each([
    [404, ErrorCode.DestinationNotFound],
    [409, ErrorCode.DestinationRejected],
    [422, ErrorCode.DestinationRejected],
    [400, ErrorCode.DestinationRejected],
  ])('reports HTTP %i as a CLIENT_SIDE error naming the object', (status, code) => {
    const error = classified(httpError(status, 'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_).\nmore'));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ClientSide, code, statusCode: status, requestId: REQUEST_ID });
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(CONTEXT.target);
    expect(error.message).not.toContain('more');
  });

  it.each([500, 502, 503, 504])('reports HTTP %i as a retryable EXTERNAL_SERVICE error', (status) => {
    const error = classified(httpError(status, 'Server Error'));
    expect(error.toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable, statusCode: status });
    expect(error.retryable).toBe(true);
  });

  it('reports a request that got no answer (reset, refused) as retryable, and our timeout as a timeout', () => {
    const reset = new RequestError('read ECONNRESET', 500, { request: REQUEST });
    expect(classified(reset).toRecord()).toMatchObject({ failureClass: FailureClass.ExternalService, code: ErrorCode.DestinationUnavailable });
    const timedOut = Object.assign(new RequestError('The operation was aborted due to timeout', 500, { request: REQUEST }), {
      cause: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    });
    expect(classified(timedOut).code).toBe(ErrorCode.DestinationTimeout);
  });

  it('passes classified errors and plain bugs through unchanged', () => {
    const before = new ClientSideError(ErrorCode.InvalidConfiguration, 'x');
    const bug = new TypeError('cannot read properties of undefined');
    expect(classifyGhError(before, CONTEXT)).toBe(before);
    expect(classifyGhError(bug, CONTEXT)).toBe(bug);
  });
});

describe('rateLimitWaitMs', () => {
  it('prefers retry-after, then the reset of a spent budget, and never waits less than a second', () => {
    expect(rateLimitWaitMs({ 'retry-after': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW_MS / 1000 + 900) }, NOW_MS)).toBe(5_000);
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW_MS / 1000 + 900) }, NOW_MS)).toBe(900_000);
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW_MS / 1000 - 5) }, NOW_MS)).toBe(1_000);
    expect(rateLimitWaitMs({ 'retry-after': '0' }, NOW_MS)).toBe(1_000);
    expect(rateLimitWaitMs({ 'x-ratelimit-remaining': '10', 'x-ratelimit-reset': String(NOW_MS / 1000 + 900) }, NOW_MS)).toBe(SECONDARY_RATE_LIMIT_WAIT_MS);
  });
});
