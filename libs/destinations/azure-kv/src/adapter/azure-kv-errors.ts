import { ClientSideError, ErrorCode, ExternalServiceError, VaultSyncError, VaultSyncErrorOptions } from '@vault-sync/domain';
import { serviceDetail } from '@vault-sync/destinations-core';

/** What was being done when a call failed, for a message that names the object (never a value or a secret). */
export interface AzureCallContext {
  /** The SecretClient method, e.g. `setSecret`. */
  operation: string;
  /** What it acted on: `secret <name> in <vault url>`. */
  target: string;
}

/** The fields of a `RestError` (core pipeline) and of identity's errors that we read. */
interface AzureErrorShape {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  details?: unknown;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** When a 429 names no usable wait, and how long a transient 409 (recovering, deleting, just purged) lasts. */
export const THROTTLING_RETRY_AFTER_MS = 1_000;
export const CONFLICT_RETRY_AFTER_MS = 2_000;

/** Spec §2.3: the name is held by a soft-deleted secret; the write flow recovers it. */
export const DELETED_BUT_RECOVERABLE = 'ObjectIsDeletedButRecoverable';

const IDENTITY_ERRORS = new Set(['AuthenticationRequiredError', 'AuthenticationError', 'CredentialUnavailableError', 'AggregateAuthenticationError']);
/** OAuth error codes (the start of an identity message) that mean "try again later", not "wrong credential". */
const TRANSIENT_OAUTH = /^(temporarily_unavailable|server_error|network_error|endpoints_resolution_error)\b/;
/**
 * After a 429 or 5xx from the authority MSAL refuses token requests locally for a while (60 s unless Retry-After
 * says otherwise), replaying the cached error with its numeric AADSTS codes in front: `90033: AADSTS90033: …`.
 */
const MSAL_THROTTLED = /^\d+( \d+)*: /;
export const MSAL_THROTTLE_MS = 60_000;
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'REQUEST_SEND_ERROR']);
function shapeOf(error: unknown): AzureErrorShape {
  return typeof error === 'object' && error !== null ? (error as AzureErrorShape) : {};
}

/** The HTTP status of a failed SecretClient call; undefined when there was no answer or it is not an SDK error. */
export function azureStatusOf(error: unknown): number | undefined {
  const shape = shapeOf(error);
  return shape.name === 'RestError' ? shape.statusCode : undefined;
}

/** Key Vault's `innererror.code` (ObjectIsDeletedButRecoverable, ObjectIsBeingRecovered, ForbiddenByRbac…). */
export function azureInnerCodeOf(error: unknown): string | undefined {
  const body = shapeOf(error).details as { error?: { innerError?: { code?: string }; innererror?: { code?: string } } } | undefined;
  return (body?.error?.innerError ?? body?.error?.innererror)?.code;
}

/** The service's own words: first line only, capped. Key Vault and AAD messages name objects and apps, never values. */
function detail(shape: AzureErrorShape): string {
  return serviceDetail(shape.message ?? '');
}

function positive(ms: number): number | undefined {
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms) : undefined;
}

/**
 * How long a 429 asks us to wait, read as the core pipeline's throttling policy reads it (spec §2.5):
 * `retry-after-ms`, `x-ms-retry-after-ms`, then `Retry-After` in seconds or as an HTTP date.
 */
export function retryAfterMsOf(headers: { get(name: string): string | undefined } | undefined, nowMs: number): number {
  const header = (name: string) => {
    const text = headers?.get(name);
    return text === undefined || text.trim() === '' ? undefined : text.trim();
  };
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const text = header(name);
    const ms = text === undefined ? undefined : positive(Number(text));
    if (ms !== undefined) return ms;
  }
  const retryAfter = header('retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    const ms = Number.isNaN(seconds) ? positive(Date.parse(retryAfter) - nowMs) : positive(seconds * 1000);
    if (ms !== undefined) return ms;
  }
  return THROTTLING_RETRY_AFTER_MS;
}

function classifyIdentityError(shape: AzureErrorShape, what: string, error: unknown): VaultSyncError {
  const options: VaultSyncErrorOptions = { ...(shape.statusCode === undefined ? {} : { statusCode: shape.statusCode }), cause: error };
  const message = shape.message ?? '';
  if (shape.statusCode === 429) {
    return new ExternalServiceError(ErrorCode.DestinationThrottled, `Microsoft Entra ID throttled the token request for ${what}`, {
      ...options,
      retryAfterMs: THROTTLING_RETRY_AFTER_MS,
    });
  }
  if (MSAL_THROTTLED.test(message)) {
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `Microsoft Entra ID is held off after a transient failure for ${what}${detail(shape)}`, {
      ...options,
      retryAfterMs: MSAL_THROTTLE_MS,
    });
  }
  if (TRANSIENT_OAUTH.test(message) || (shape.statusCode !== undefined && shape.statusCode >= 500)) {
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `Microsoft Entra ID could not issue a token for ${what}${detail(shape)}`, options);
  }
  return new ClientSideError(ErrorCode.DestinationAuthFailed, `Microsoft Entra ID rejected the credentials for ${what} (${shape.name})${detail(shape)}`, options);
}

/**
 * Maps a failed SecretClient or credential call to the domain's error classes (spec destination-protocols §0,
 * §2.5): credentials (401, token endpoint refusals) and permissions (403) are CLIENT_SIDE and not retried; 429 is
 * a retryable, throttled EXTERNAL_SERVICE error carrying Retry-After; the short-lived 409s (being recovered,
 * being deleted, just purged) are retryable; 5xx, timeouts and network failures are retryable EXTERNAL_SERVICE.
 * Classified errors and anything that is no SDK error (a bug) pass through unchanged.
 */
export function classifyAzureError(error: unknown, context: AzureCallContext, nowMs: number = Date.now()): unknown {
  if (error instanceof VaultSyncError) return error;
  const shape = shapeOf(error);
  const what = `${context.operation} on ${context.target}`;
  if (shape.name === 'AbortError') return new ExternalServiceError(ErrorCode.DestinationTimeout, `Key Vault did not answer ${what} in time`, { cause: error });
  if (IDENTITY_ERRORS.has(shape.name ?? '')) return classifyIdentityError(shape, what, error);
  if (shape.name !== 'RestError') return error;

  const status = shape.statusCode;
  const requestId = shape.response?.headers?.get('x-ms-request-id');
  const options: VaultSyncErrorOptions = { statusCode: status, ...(requestId ? { requestId } : {}), cause: error };
  if (status === undefined) {
    const network = NETWORK_CODES.has(shape.code ?? '');
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `${network ? 'connection to' : 'no answer from'} Key Vault failed during ${what} (${shape.code ?? 'no response'})`, options);
  }
  const said = `${shape.code ?? `HTTP ${status}`}${detail(shape)}`;
  if (status === 429) {
    return new ExternalServiceError(ErrorCode.DestinationThrottled, `Key Vault throttled ${what} (${said})`, {
      ...options,
      retryAfterMs: retryAfterMsOf(shape.response?.headers, nowMs),
    });
  }
  if (status === 408) return new ExternalServiceError(ErrorCode.DestinationTimeout, `Key Vault did not answer ${what} in time (${said})`, options);
  if (status >= 500) return new ExternalServiceError(ErrorCode.DestinationUnavailable, `Key Vault failed ${what} (${said})`, options);
  if (status === 401) return new ClientSideError(ErrorCode.DestinationAuthFailed, `Key Vault rejected the token for ${what} (${said})`, options);
  if (status === 403) return new ClientSideError(ErrorCode.DestinationPermissionDenied, `Key Vault denied ${what} (${said})`, options);
  if (status === 404) return new ClientSideError(ErrorCode.DestinationNotFound, `Key Vault found nothing for ${what} (${said})`, options);
  if (status === 409) {
    if (azureInnerCodeOf(error) === DELETED_BUT_RECOVERABLE) {
      return new ClientSideError(ErrorCode.DestinationRejected, `Key Vault refused ${what}: the name is held by a soft-deleted secret to recover or purge (${said})`, options);
    }
    return new ExternalServiceError(ErrorCode.ConcurrentModification, `Key Vault refused ${what} for now (${azureInnerCodeOf(error) ?? said})`, {
      ...options,
      retryAfterMs: CONFLICT_RETRY_AFTER_MS,
    });
  }
  return new ClientSideError(ErrorCode.DestinationRejected, `Key Vault rejected ${what} (${said})`, options);
}

/** Classifies and throws; for `catch` clauses. */
export function throwAzureError(error: unknown, context: AzureCallContext): never {
  throw classifyAzureError(error, context);
}
