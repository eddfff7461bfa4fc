import { randomUUID } from 'node:crypto';
import { EmulatorResponse } from '../core/router';

/** Which wire format an error is written in: AWS JSON 1.1 (Secrets Manager) or AWS query XML (STS). */
export type AwsProtocol = 'json' | 'query';

/**
 * An error as AWS answers it. `framework` errors (auth, throttling, unknown operation) come from the
 * service framework rather than the Secrets Manager model; real AWS spells their message member lowercase.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly framework = false,
  ) {
    super(message);
  }
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const STS_XML_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Spec §1.4: `{"__type": code, "Message": text}`; the SDK reads `__type` first. */
export function jsonErrorResponse(error: AwsServiceError): EmulatorResponse {
  const messageKey = error.framework ? 'message' : 'Message';
  return {
    status: error.status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID(), 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, [messageKey]: error.message }),
  };
}

/** AWS query errors: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function xmlErrorResponse(error: AwsServiceError): EmulatorResponse {
  const requestId = randomUUID();
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${STS_XML_NAMESPACE}"><Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code>` +
    `<Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function errorResponse(protocol: AwsProtocol, error: AwsServiceError): EmulatorResponse {
  return protocol === 'json' ? jsonErrorResponse(error) : xmlErrorResponse(error);
}

// Secrets Manager modeled errors (spec §1.4): all HTTP 400.
export const resourceNotFound = (message = "Secrets Manager can't find the specified secret.") => new AwsServiceError('ResourceNotFoundException', message);
export const resourceExists = (message: string) => new AwsServiceError('ResourceExistsException', message);
export const invalidRequest = (message: string) => new AwsServiceError('InvalidRequestException', message);
export const invalidParameter = (message: string) => new AwsServiceError('InvalidParameterException', message);
export const limitExceeded = (message: string) => new AwsServiceError('LimitExceededException', message);
export const invalidNextToken = () => new AwsServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');

/** The framework's input validation error (spec §1.4 "ValidationException (common error)"). */
export const validationError = (message: string) => new AwsServiceError('ValidationException', message, 400, true);

/** The framework's constraint message, e.g. "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: …". */
export function constraintMessage(field: string, constraint: string, value?: string | null): string {
  const shown = value === undefined ? 'Value' : value === null ? 'Value null' : `Value '${value}'`;
  return `1 validation error detected: ${shown} at '${field}' failed to satisfy constraint: ${constraint}`;
}

export const constraintViolation = (field: string, constraint: string, value?: string | null) => validationError(constraintMessage(field, constraint, value));

export const missingMember = (field: string) => constraintViolation(field, 'Member must not be null', null);

/** Spec §1.4: a value or update call on a secret that is scheduled for deletion. */
export const markedForDeletion = () => invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");

/** The message real AWS gives when the name is still held by a secret scheduled for deletion (spec §1.2). */
export const nameScheduledForDeletion = () => invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");

export const replicaNotWritable = () => invalidRequest("Operation not permitted on a replica secret. Call must be made in primary secret's region.");

export const throttled = () => new AwsServiceError('ThrottlingException', 'Rate exceeded', 400, true);

const FAULT_CODES: Record<number, [string, string]> = {
  500: ['InternalServiceError', 'An error occurred on the server side.'],
  503: ['ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
  403: ['AccessDeniedException', 'Access to the requested resource is denied.'],
  429: ['ThrottlingException', 'Rate exceeded'],
};

/** An injected status as AWS would word it: 500 InternalServiceError (the SDK retries 500–504), 503 ServiceUnavailable… */
export function injectedFault(status: number): AwsServiceError {
  const [code, message] = FAULT_CODES[status] ?? (status >= 500 ? ['InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'] : ['ValidationException', `Injected failure (HTTP ${status})`]);
  return new AwsServiceError(code, message, status, code !== 'InternalServiceError');
}
