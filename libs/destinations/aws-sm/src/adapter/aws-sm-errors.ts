import { ClientSideError, ErrorCode, ExternalServiceError, VaultSyncError, VaultSyncErrorOptions } from '@vault-sync/domain';
import { serviceDetail } from '@vault-sync/destinations-core';

/** What was being done when the SDK failed, for a message that names the object (never a value). */
export interface AwsCallContext {
  /** The API operation, e.g. `PutSecretValue` or `AssumeRole`. */
  operation: string;
  /** What it acted on: a secret name or ARN, or a role ARN. */
  target: string;
  /** Strings that must not appear in the message (the value being written). */
  redact?: readonly string[];
}

/** The fields of an SDK error we read; every SDK error and Node socket error has a subset of them. */
interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** How long to wait before retrying throttling; the SDK's own throttling base delay is 500 ms (spec §1.4). */
export const THROTTLING_RETRY_AFTER_MS = 1_000;
/** The version quota (LimitExceededException) frees up only as versions age (spec §1.3): retry slowly, a few times. */
export const QUOTA_RETRY_AFTER_MS = 60_000;

// Spec §1.4: the names the SDK itself retries as throttling.
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
]);
// Bad, unknown, expired or mis-signed credentials, in the JSON services' and STS's spellings.
const AUTH_FAILED = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'RequestTimeTooSkewed',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
]);
const PERMISSION_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'RegionDisabledException']);
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
/** What the SDK throws when neither the client config nor the environment names a region. */
const REGION_MISSING = 'Region is missing';

function shapeOf(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

/** The service's own words, when they help an operator: first line only, capped, with the value taken out. */
function serviceDetailOf(shape: SdkErrorShape, context: AwsCallContext): string {
  return serviceDetail(shape.message ?? '', context.redact);
}

/**
 * Maps a failed AWS SDK call to the domain's error classes (spec destination-protocols §0, §1.4): credentials
 * and permissions are CLIENT_SIDE and not retried; throttling, 5xx and network failures are retryable
 * EXTERNAL_SERVICE. Throttling carries `destination_throttled` so the rate governor can slow down.
 * Errors that are already classified pass through; anything that is neither an SDK nor a socket error is
 * rethrown as a bug would be (returned unchanged).
 */
export function classifyAwsError(error: unknown, context: AwsCallContext): unknown {
  if (error instanceof VaultSyncError) return error;
  const shape = shapeOf(error);
  const name = shape.name ?? '';
  const code = shape.code ?? '';
  const status = shape.$metadata?.httpStatusCode;
  const options: VaultSyncErrorOptions = { statusCode: status, requestId: shape.$metadata?.requestId, cause: error };
  const what = `${context.operation} on ${context.target}`;
  const fromSdk = shape.$metadata !== undefined || shape.$fault !== undefined;

  if (THROTTLING.has(name) || status === 429) {
    return new ExternalServiceError(ErrorCode.DestinationThrottled, `AWS throttled ${what} (${name || 'HTTP 429'})`, {
      ...options,
      retryAfterMs: THROTTLING_RETRY_AFTER_MS,
    });
  }
  // Before the names: the SDK renames ECONNRESET and EPIPE socket errors `TimeoutError`.
  if (NETWORK_CODES.has(code)) {
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `connection to AWS failed during ${what} (${code})`, options);
  }
  if (TIMEOUTS.has(name) || TIMEOUTS.has(code)) {
    return new ExternalServiceError(ErrorCode.DestinationTimeout, `AWS did not answer ${what} in time`, options);
  }
  if (shape.message === REGION_MISSING) {
    return new ClientSideError(ErrorCode.InvalidConfiguration, `no AWS region for ${what}: set region on the destination or AWS_REGION for the worker`, options);
  }
  if (AUTH_FAILED.has(name)) {
    return new ClientSideError(ErrorCode.DestinationAuthFailed, `AWS rejected the credentials for ${what} (${name})`, options);
  }
  if (PERMISSION_DENIED.has(name)) {
    return new ClientSideError(ErrorCode.DestinationPermissionDenied, `AWS denied ${what} (${name})${serviceDetailOf(shape, context)}`, options);
  }
  if (!fromSdk) return error;
  // Every answer from AWS carries a fault and a status; an SDK error with neither never got one (a socket
  // error the SDK wrapped, e.g. "AWS SDK error wrapper for TimeoutError: socket hang up").
  if (shape.$fault === undefined && status === undefined) {
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `no answer from AWS to ${what}`, options);
  }
  if (shape.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new ExternalServiceError(ErrorCode.DestinationUnavailable, `AWS failed ${what} (${name || `HTTP ${status}`})`, options);
  }
  if (name === 'ResourceNotFoundException') {
    return new ClientSideError(ErrorCode.DestinationNotFound, `AWS found no secret for ${what} (${name})`, options);
  }
  if (name === 'LimitExceededException') {
    return new ClientSideError(ErrorCode.DestinationRejected, `AWS quota exceeded for ${what} (${name})${serviceDetailOf(shape, context)}`, {
      ...options,
      retryable: true,
      retryAfterMs: QUOTA_RETRY_AFTER_MS,
    });
  }
  return new ClientSideError(ErrorCode.DestinationRejected, `AWS rejected ${what} (${name || `HTTP ${status}`})${serviceDetailOf(shape, context)}`, options);
}

/** Classifies and throws; for `catch` clauses. */
export function throwAwsError(error: unknown, context: AwsCallContext): never {
  throw classifyAwsError(error, context);
}

/** The AWS error name of a failed call, for flows that handle one error themselves (not found, exists…). */
export function awsErrorName(error: unknown): string | undefined {
  return shapeOf(error).name;
}
