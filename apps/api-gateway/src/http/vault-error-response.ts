import { HttpException, HttpStatus } from '@nestjs/common';
import { DestinationConfigurationError } from '@vault-sync/destinations-core';
import { ClientSideError, ErrorCode, ExternalServiceError, InternalVaultError, VaultSyncError } from '@vault-sync/domain';
import { isPermissionDenied } from '../auth/permission-denied';
import { SecretReadDeniedError } from '../auth/secret-read-denied.error';
import { InvalidRequestError } from './invalid-request.error';

/** Vault's error envelope, `{"errors": [...]}`, for every failure the gateway answers. */
export interface VaultErrorBody {
  errors: string[];
}

export interface VaultErrorResponse {
  status: number;
  body: VaultErrorBody;
}

/** Vault answers every refused token or ACL check with exactly this (spec §2). */
export const PERMISSION_DENIED = 'permission denied';

/** Codes whose status is not their error class's default. */
const STATUS_BY_CODE: Partial<Record<ErrorCode, HttpStatus>> = {
  [ErrorCode.UnknownDestination]: HttpStatus.NOT_FOUND,
  [ErrorCode.UnknownAssociation]: HttpStatus.NOT_FOUND,
  [ErrorCode.UnknownGithubApp]: HttpStatus.NOT_FOUND,
  [ErrorCode.QueueFull]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.VaultUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.ConcurrentModification]: HttpStatus.CONFLICT,
};

/**
 * The one mapping from what a request failed with to Vault's status and error list. Domain errors carry their
 * own safe messages (they never hold secrets); `undefined` means an unexpected error, which the caller logs and
 * answers with a generic 500.
 */
export function vaultErrorResponse(exception: unknown, bodyLimit: number): VaultErrorResponse | undefined {
  if (isPermissionDenied(exception)) return response(HttpStatus.FORBIDDEN, [PERMISSION_DENIED]);
  if (exception instanceof SecretReadDeniedError) return response(HttpStatus.FORBIDDEN, [exception.message]);
  if (exception instanceof HttpException) return fromHttpException(exception, bodyLimit);
  if (exception instanceof DestinationConfigurationError) return response(HttpStatus.BAD_REQUEST, exception.problems.map((problem) => problem.message));
  if (exception instanceof InvalidRequestError) return response(HttpStatus.BAD_REQUEST, [...exception.problems]);
  if (exception instanceof VaultSyncError) return response(statusOf(exception), [exception.message]);
  return undefined;
}

function statusOf(error: VaultSyncError): number {
  const status = STATUS_BY_CODE[error.code];
  if (status !== undefined) return status;
  if (error instanceof ClientSideError) return HttpStatus.BAD_REQUEST;
  if (error instanceof ExternalServiceError) return HttpStatus.BAD_GATEWAY;
  return error instanceof InternalVaultError ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
}

/** Nest hands Fastify's own refusals (body limit, bad Content-Length) over as HttpExceptions too. */
function fromHttpException(exception: HttpException, bodyLimit: number): VaultErrorResponse {
  const status = exception.getStatus();
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) return response(status, [`request body is larger than ${bodyLimit} bytes`]);
  const body = exception.getResponse();
  const errors =
    typeof body === 'object' && body !== null && Array.isArray((body as VaultErrorBody).errors) ? (body as VaultErrorBody).errors : [exception.message];
  return response(status, errors);
}

/** A 404 is `{"errors":[]}`, as Vault answers it (spec §2). */
function response(status: number, errors: string[]): VaultErrorResponse {
  return { status, body: { errors: status === HttpStatus.NOT_FOUND ? [] : errors } };
}

/**
 * Fastify answers a URL it cannot decode before any route or filter runs; its `frameworkErrors` hook gets it.
 */
export function frameworkErrorResponse(error: { code: string; message: string; statusCode?: number }): VaultErrorResponse {
  if (error.code === 'FST_ERR_BAD_URL') return response(HttpStatus.BAD_REQUEST, ['path: is not valid percent-encoding']);
  return response(error.statusCode ?? HttpStatus.BAD_REQUEST, [error.message]);
}
