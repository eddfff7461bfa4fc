import { ClientSideError, ErrorCode, ExternalServiceError, VaultSyncError, VaultSyncErrorOptions } from '@vault-sync/domain';
import { serviceWords } from '@vault-sync/destinations-core';

/** What was being done when a call failed, for a message that names the object (never a value or a token). */
export interface GhCallContext {
  /** The Octokit method, e.g. `actions.createOrUpdateRepoSecret`. */
  operation: string;
  /** What it acted on, e.g. `secret VAULT_APP in repository acme/web`. */
  target: string;
}

/** The fields of Octokit's `RequestError` (name `HttpError`) we read. */
interface RequestErrorShape {
  name?: string;
  status?: unknown;
  message?: string;
  cause?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

/** A secondary rate limit without `retry-after`: GitHub asks to wait at least a minute (spec §4.5). */
export const SECONDARY_RATE_LIMIT_WAIT_MS = 60_000;
/** Never retry a rate limit sooner than this, whatever the headers say. */
const MIN_RATE_LIMIT_WAIT_MS = 1_000;
const RATE_LIMIT_WORDING = /rate limit/i;

function shapeOf(error: unknown): RequestErrorShape {
  return typeof error === 'object' && error !== null ? (error as RequestErrorShape) : {};
}

/** The HTTP status of an Octokit failure; undefined for anything else. */
export function ghStatusOf(error: unknown): number | undefined {
  const shape = shapeOf(error);
  return shape.name === 'HttpError' && typeof shape.status === 'number' ? shape.status : undefined;
}

function header(shape: RequestErrorShape, name: string): string | undefined {
  const value = shape.response?.headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

/** GitHub's own `message`, first line only and capped: it names resources and rules, never values. */
function serviceMessage(shape: RequestErrorShape): string {
  const data = shape.response?.data;
  return serviceWords(typeof data === 'object' && data !== null && 'message' in data ? String((data as { message: unknown }).message) : '');
}

/** A 403 is a rate limit only when the budget is spent or the message says so; otherwise a permission (spec §4.5). */
function isRateLimited(status: number, shape: RequestErrorShape): boolean {
  if (status === 429) return true;
  return status === 403 && (header(shape, 'x-ratelimit-remaining') === '0' || RATE_LIMIT_WORDING.test(serviceMessage(shape)));
}

/**
 * How long GitHub asks us to wait (spec §4.5): `retry-after` seconds; else, with the primary budget spent, until
 * `x-ratelimit-reset` (epoch seconds); else at least a minute (a secondary limit without a hint).
 */
export function rateLimitWaitMs(headers: Readonly<Record<string, unknown>>, nowMs: number): number {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(MIN_RATE_LIMIT_WAIT_MS, retryAfter * 1000);
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset)) {
    return Math.max(MIN_RATE_LIMIT_WAIT_MS, reset * 1000 - nowMs);
  }
  return SECONDARY_RATE_LIMIT_WAIT_MS;
}

/**
 * Maps a failed Octokit call to the domain's error classes (spec destination-protocols §4.5). `@octokit/rest`
 * retries nothing, so every rate limit reaches us: it is a retryable, throttled EXTERNAL_SERVICE error carrying
 * GitHub's wait. Credentials, permissions, missing targets and validation (422) are CLIENT_SIDE; 5xx, timeouts
 * and network failures are retryable EXTERNAL_SERVICE. Classified errors and bugs pass through unchanged.
 */
export function classifyGhError(error: unknown, context: GhCallContext, nowMs: number = Date.now()): unknown {
  if (error instanceof VaultSyncError) return error;
  const shape = shapeOf(error);
  const what = `${context.operation} on ${context.target}`;
  // Octokit rethrows an aborted fetch as is, with `status` 500 added.
  if (shape.name === 'AbortError') return new ExternalServiceError(ErrorCode.DestinationTimeout, `GitHub did not answer ${what} in time`, { cause: error });
  const status = ghStatusOf(error);
  if (status === undefined) return error;
  const requestId = header(shape, 'x-github-request-id');
  const options: VaultSyncErrorOptions = { statusCode: status, ...(requestId === undefined ? {} : { requestId }), cause: error };
  if (shape.response === undefined) {
    // Octokit turns a failed fetch (reset, refused, DNS, our timeout) into a RequestError 500 without a response.
    const timedOut = shapeOf(shape.cause).name === 'TimeoutError';
    return new ExternalServiceError(timedOut ? ErrorCode.DestinationTimeout : ErrorCode.DestinationUnavailable, `no answer from GitHub to ${what}`, { cause: error });
  }
  const detail = serviceMessage(shape);
  const said = detail === '' ? `HTTP ${status}` : `HTTP ${status} ${detail}`;
  if (isRateLimited(status, shape)) {
    return new ExternalServiceError(ErrorCode.DestinationThrottled, `GitHub rate-limited ${what} (${said})`, {
      ...options,
      retryAfterMs: rateLimitWaitMs(shape.response.headers ?? {}, nowMs),
    });
  }
  if (status >= 500) return new ExternalServiceError(ErrorCode.DestinationUnavailable, `GitHub failed ${what} (${said})`, options);
  if (status === 401) return new ClientSideError(ErrorCode.DestinationAuthFailed, `GitHub rejected the credentials for ${what} (${said})`, options);
  if (status === 403) return new ClientSideError(ErrorCode.DestinationPermissionDenied, `GitHub denied ${what} (${said})`, options);
  if (status === 404) {
    // GitHub answers 404 for what the credentials may not see as for what does not exist.
    return new ClientSideError(ErrorCode.DestinationNotFound, `GitHub found nothing for ${what}, or the credentials cannot see it (${said})`, options);
  }
  return new ClientSideError(ErrorCode.DestinationRejected, `GitHub rejected ${what} (${said})`, options);
}

/** Classifies and throws; for `catch` clauses. */
export function throwGhError(error: unknown, context: GhCallContext): never {
  throw classifyGhError(error, context);
}
