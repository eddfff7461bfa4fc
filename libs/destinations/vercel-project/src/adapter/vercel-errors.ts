import { ClientSideError, ErrorCode, ExternalServiceError, VaultSyncError, VaultSyncErrorOptions } from '@vault-sync/domain';
import { serviceDetail } from '@vault-sync/destinations-core';
import { VercelHttpError } from './vercel-http-error';
import { retryAfterMsOf } from './vercel-retry-after';

/** What was being done when the call failed, for a message that names the object (never a value). */
export interface VercelCallContext {
  /** The API operation, e.g. `createProjectEnv` (the `@vercel/sdk` names). */
  operation: string;
  /** What it acted on: an env var key or id, or the project. */
  target: string;
  /** Strings that must not appear in the message (the value being written). */
  redact?: readonly string[];
}

/** Socket-level failures under fetch's `TypeError: fetch failed` (its `cause.code`). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** The service's own words, when they help an operator: first line only, capped, with the value taken out. */
function serviceDetailOf(error: VercelHttpError, context: VercelCallContext): string {
  return serviceDetail(typeof error.body.message === 'string' ? error.body.message : '', context.redact);
}

/** What we read of a thrown fetch failure; a timeout's DOMException may come from another realm than `Error`. */
interface FetchFailureShape {
  name?: unknown;
  message?: unknown;
  cause?: { code?: unknown };
}

function classifyAnswer(error: VercelHttpError, context: VercelCallContext, nowMs: number): VaultSyncError {
  const { status } = error;
  const what = `${context.operation} on ${context.target}`;
  const label = error.code ?? `HTTP ${status}`;
  const options: VaultSyncErrorOptions = { statusCode: status, requestId: error.headers.get('x-vercel-id') ?? undefined, cause: error };
  if (status === 429) {
    return new ExternalServiceError(ErrorCode.DestinationThrottled, `Vercel throttled ${what} (${label})`, {
      ...options,
      retryAfterMs: retryAfterMsOf(error.headers, error.body, nowMs),
    });
  }
  if (status >= 500) return new ExternalServiceError(ErrorCode.DestinationUnavailable, `Vercel failed ${what} (${label})`, options);
  // Vercel answers a bad or missing token, and a team the token cannot act for, alike: 403 "Not authorized".
  if (status === 401 || status === 403) {
    return new ClientSideError(
      ErrorCode.DestinationAuthFailed,
      `Vercel refused the access token for ${what} (${label}): check access_token, and team_id for a team project`,
      options,
    );
  }
  if (status === 404) {
    return new ClientSideError(ErrorCode.DestinationNotFound, `Vercel found nothing for ${what} (${label})${serviceDetailOf(error, context)}`, options);
  }
  return new ClientSideError(ErrorCode.DestinationRejected, `Vercel rejected ${what} (${label})${serviceDetailOf(error, context)}`, options);
}

/**
 * Maps a failed Vercel call to the domain's error classes (spec destination-protocols §0, §5.3): token, project
 * and input problems are CLIENT_SIDE and not retried; 429 is a retryable, throttled EXTERNAL_SERVICE error
 * waiting for the reset the answer names; 5xx, network failures and timeouts are retryable EXTERNAL_SERVICE.
 * Errors already classified pass through; anything else is rethrown as a bug would be (returned unchanged).
 */
export function classifyVercelError(error: unknown, context: VercelCallContext, nowMs = Date.now()): unknown {
  if (error instanceof VaultSyncError) return error;
  if (error instanceof VercelHttpError) return classifyAnswer(error, context, nowMs);
  if (typeof error !== 'object' || error === null) return error;
  const { name, message, cause } = error as FetchFailureShape;
  const what = `${context.operation} on ${context.target}`;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  if (name === 'TimeoutError' || TIMEOUT_CODES.has(code)) {
    return new ExternalServiceError(ErrorCode.DestinationTimeout, `Vercel did not answer ${what} in time`, { cause: error });
  }
  if (NETWORK_CODES.has(code) || (name === 'TypeError' && message === 'fetch failed')) {
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `connection to Vercel failed during ${what}${code ? ` (${code})` : ''}`, { cause: error });
  }
  return error;
}

/** Classifies and throws; for `catch` clauses. */
export function throwVercelError(error: unknown, context: VercelCallContext): never {
  throw classifyVercelError(error, context);
}
