import { status as GrpcStatus } from '@grpc/grpc-js';
import { ClientSideError, ErrorCode, ExternalServiceError, VaultSyncError, VaultSyncErrorOptions } from '@vault-sync/domain';
import { serviceDetail } from '@vault-sync/destinations-core';

/** What was being done when a call failed, for a message that names the object (never a value). */
export interface GcpCallContext {
  /** The RPC, e.g. `AddSecretVersion`. */
  operation: string;
  /** What it acted on: a secret or project resource name. */
  target: string;
  /** Strings that must not appear in the message (the value being written). */
  redact?: readonly string[];
}

/** The fields we read of a gax GoogleError (gRPC), a GaxiosError (REST fallback) or a google-auth failure. */
interface GcpErrorShape {
  name?: string;
  code?: unknown;
  status?: unknown;
  details?: unknown;
  message?: string;
  reason?: string;
}

/**
 * How long to wait after RESOURCE_EXHAUSTED. The quotas are per minute (spec §3.4), so a retry within a second
 * would most likely be refused again; the rate governor slows the whole project down meanwhile.
 */
export const THROTTLING_RETRY_AFTER_MS = 5_000;

/** The REST fallback reports HTTP statuses (spec §3.3); Google's mapping onto gRPC codes (google/rpc/code.proto). */
const GRPC_CODE_OF_HTTP: Readonly<Record<number, GrpcStatus>> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.ALREADY_EXISTS,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  499: GrpcStatus.CANCELLED,
  500: GrpcStatus.INTERNAL,
  501: GrpcStatus.UNIMPLEMENTED,
  503: GrpcStatus.UNAVAILABLE,
  504: GrpcStatus.DEADLINE_EXCEEDED,
};
const TRANSIENT = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.INTERNAL, GrpcStatus.UNKNOWN, GrpcStatus.ABORTED]);
const TIMEOUTS = new Set([GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.CANCELLED]);
/**
 * grpc-js's words when the call credentials (google-auth minting a token from the key) failed; it reports that
 * as UNAVAILABLE, which would otherwise be retried although only an operator can fix the key.
 */
const CALL_CREDENTIALS_FAILED = 'Getting metadata from plugin failed';
/** google-auth's words when neither the destination nor the worker's environment has credentials or a project. */
const NO_DEFAULT_CREDENTIALS = 'Could not load the default credentials';
const NO_PROJECT = 'Unable to detect a Project Id';
function shapeOf(error: unknown): GcpErrorShape {
  return typeof error === 'object' && error !== null ? (error as GcpErrorShape) : {};
}

/** The gRPC status of a failed call in either transport; undefined for anything that is not a service answer. */
export function grpcCodeOf(error: unknown): GrpcStatus | undefined {
  const { code, status, name } = shapeOf(error);
  if (typeof code === 'number' && code >= 0 && code <= GrpcStatus.UNAUTHENTICATED) return code;
  const http = name === 'GaxiosError' ? (typeof status === 'number' ? status : code) : undefined;
  return typeof http === 'number' ? (GRPC_CODE_OF_HTTP[http] ?? (http >= 500 ? GrpcStatus.UNAVAILABLE : undefined)) : undefined;
}

/** The service's own words, first line only, capped, with the value taken out; they name resources and permissions. */
function serviceDetailOf(shape: GcpErrorShape, context: GcpCallContext): string {
  return serviceDetail(typeof shape.details === 'string' && shape.details !== '' ? shape.details : (shape.message ?? ''), context.redact);
}

/**
 * Maps a failed Secret Manager call to the domain's error classes (spec destination-protocols §3.3). Credentials,
 * permissions and rejected requests are CLIENT_SIDE and not retried; RESOURCE_EXHAUSTED is a retryable, throttled
 * EXTERNAL_SERVICE error so the rate governor slows down; UNAVAILABLE, INTERNAL, UNKNOWN, ABORTED and deadlines
 * are retryable EXTERNAL_SERVICE. Classified errors and bugs pass through unchanged.
 */
export function classifyGcpError(error: unknown, context: GcpCallContext): unknown {
  if (error instanceof VaultSyncError) return error;
  const shape = shapeOf(error);
  const what = `${context.operation} on ${context.target}`;
  const message = shape.message ?? '';
  if (message.includes(CALL_CREDENTIALS_FAILED) || message.includes(NO_DEFAULT_CREDENTIALS)) {
    // The text may quote the token endpoint's answer; the operator needs only to know the key did not work.
    return new ClientSideError(ErrorCode.DestinationAuthFailed, `GCP credentials could not be used for ${what}`, { cause: error });
  }
  if (message.includes(NO_PROJECT)) {
    return new ClientSideError(ErrorCode.InvalidConfiguration, `no GCP project for ${what}: set project_id on the destination`, { cause: error });
  }
  const code = grpcCodeOf(error);
  if (code === undefined) return error;
  const options: VaultSyncErrorOptions = { statusCode: code, cause: error };
  const said = `${GrpcStatus[code]}${serviceDetailOf(shape, context)}`;
  if (code === GrpcStatus.RESOURCE_EXHAUSTED) {
    return new ExternalServiceError(ErrorCode.DestinationThrottled, `GCP throttled ${what} (${said})`, { ...options, retryAfterMs: THROTTLING_RETRY_AFTER_MS });
  }
  if (TIMEOUTS.has(code)) return new ExternalServiceError(ErrorCode.DestinationTimeout, `GCP did not answer ${what} in time (${GrpcStatus[code]})`, options);
  if (TRANSIENT.has(code)) return new ExternalServiceError(ErrorCode.DestinationUnavailable, `GCP failed ${what} (${said})`, options);
  if (code === GrpcStatus.UNAUTHENTICATED) {
    return new ClientSideError(ErrorCode.DestinationAuthFailed, `GCP rejected the credentials for ${what} (${GrpcStatus[code]})`, options);
  }
  if (code === GrpcStatus.PERMISSION_DENIED) return new ClientSideError(ErrorCode.DestinationPermissionDenied, `GCP denied ${what} (${said})`, options);
  if (code === GrpcStatus.NOT_FOUND) return new ClientSideError(ErrorCode.DestinationNotFound, `GCP found nothing for ${what} (${said})`, options);
  return new ClientSideError(ErrorCode.DestinationRejected, `GCP rejected ${what} (${said})`, options);
}

/** Classifies and throws; for `catch` clauses. */
export function throwGcpError(error: unknown, context: GcpCallContext): never {
  throw classifyGcpError(error, context);
}
