import { status } from '@grpc/grpc-js';

export interface ErrorInfo {
  reason: string;
  domain: string;
  metadata: Record<string, string>;
}

/** A gRPC status the service answers with; gax surfaces it as `<code> <NAME>: <message>` (spec §3.3). */
export class GcpSmError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly errorInfo?: ErrorInfo,
  ) {
    super(message);
  }
}

export const invalidArgument = (message: string) => new GcpSmError(status.INVALID_ARGUMENT, message);
export const failedPrecondition = (message: string) => new GcpSmError(status.FAILED_PRECONDITION, message);

export const secretNotFound = (name: string) => new GcpSmError(status.NOT_FOUND, `Secret [${name}] not found.`);
/** What access and get say for `latest` when the secret is missing or empty (spec §3.3). */
export const secretNotFoundOrEmpty = (name: string) => new GcpSmError(status.NOT_FOUND, `Secret [${name}] not found or has no versions.`);
export const versionNotFound = (name: string) => new GcpSmError(status.NOT_FOUND, `Secret Version [${name}] not found.`);
export const secretExists = (name: string) => new GcpSmError(status.ALREADY_EXISTS, `Secret [${name}] already exists.`);
export const versionInState = (name: string, state: string) => failedPrecondition(`Secret Version [${name}] is in ${state} state.`);
/** Stale etags fail with FAILED_PRECONDITION / HTTP 400 (Secret Manager's etag docs). */
export const etagMismatch = (kind: 'Secret' | 'Secret Version', name: string) =>
  failedPrecondition(`The etag provided in the request does not match the current etag of ${kind} [${name}].`);

export const malformedName = (kind: string, value: string, format: string) =>
  invalidArgument(`The provided ${kind} [${value}] does not match the expected format [${format}]`);

export const permissionDenied = (permission: string, resource: string) =>
  new GcpSmError(status.PERMISSION_DENIED, `Permission '${permission}' denied for resource '${resource}' (or it may not exist).`, {
    reason: 'IAM_PERMISSION_DENIED',
    domain: 'iam.googleapis.com',
    metadata: { permission, resource },
  });

const CREDENTIAL_HELP = 'Expected OAuth 2 access token, login cookie or other valid authentication credential.';
export const credentialsMissing = () =>
  new GcpSmError(status.UNAUTHENTICATED, `Request is missing required authentication credential. ${CREDENTIAL_HELP}`, {
    reason: 'CREDENTIALS_MISSING',
    domain: 'googleapis.com',
    metadata: { service: 'secretmanager.googleapis.com' },
  });
export const credentialsInvalid = () =>
  new GcpSmError(status.UNAUTHENTICATED, `Request had invalid authentication credentials. ${CREDENTIAL_HELP}`, {
    reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
    domain: 'googleapis.com',
    metadata: { service: 'secretmanager.googleapis.com' },
  });

/** Google's HTTP → gRPC mapping (google/rpc/code.proto), for faults given as HTTP-like statuses. */
const FAULTS: Record<number, [status, string]> = {
  400: [status.INVALID_ARGUMENT, 'Request contains an invalid argument.'],
  401: [status.UNAUTHENTICATED, `Request had invalid authentication credentials. ${CREDENTIAL_HELP}`],
  403: [status.PERMISSION_DENIED, 'The caller does not have permission'],
  404: [status.NOT_FOUND, 'Requested entity was not found.'],
  409: [status.ABORTED, 'The operation was aborted.'],
  429: [status.RESOURCE_EXHAUSTED, 'Resource has been exhausted (e.g. check quota).'],
  499: [status.CANCELLED, 'The operation was cancelled.'],
  500: [status.INTERNAL, 'Internal error encountered.'],
  501: [status.UNIMPLEMENTED, 'Operation is not implemented, or supported, or enabled.'],
  503: [status.UNAVAILABLE, 'The service is currently unavailable.'],
  504: [status.DEADLINE_EXCEEDED, 'Deadline expired before operation could complete.'],
};

export function injectedFault(httpStatus: number): GcpSmError {
  const [code, message] = FAULTS[httpStatus] ?? [status.UNKNOWN, `Unknown error (injected HTTP ${httpStatus}).`];
  return new GcpSmError(code, message);
}
