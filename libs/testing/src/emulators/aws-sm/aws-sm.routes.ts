import { randomUUID } from 'node:crypto';
import { EmulatorRequest, EmulatorResponse, jsonBody, Router } from '../core/router';
import { CredentialRegistry } from './aws-sm.auth';
import { EmulatorClock } from '../core/clock';
import { AwsProtocol, AwsServiceError, errorResponse, JSON_CONTENT_TYPE } from './aws-sm.errors';
import { SECRETS_MANAGER_OPERATIONS } from './aws-sm.operations';
import { SignedRequest } from './aws-sm.sigv4';
import { SecretStore } from './aws-sm.store';
import { StsService } from './aws-sm.sts';

export interface AwsSmContext {
  store: SecretStore;
  credentials: CredentialRegistry;
  sts: StsService;
  clock: EmulatorClock;
}

const TARGET_PREFIX = 'secretsmanager.';
/** Operations answered in STS's query protocol; every other name is a Secrets Manager (JSON 1.1) one. */
export const STS_OPERATIONS = new Set(['AssumeRole', 'GetCallerIdentity']);

/**
 * Both surfaces share `POST /` (spec §1.1), so AWS_ENDPOINT_URL_SECRETS_MANAGER and AWS_ENDPOINT_URL_STS
 * can name the same URL: `X-Amz-Target` marks JSON 1.1, a form body with `Action=` marks the query protocol.
 */
export function protocolOf(request: EmulatorRequest): AwsProtocol {
  if (request.headers['x-amz-target'] !== undefined) return 'json';
  return String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? 'query' : 'json';
}

/** The operation name the shared core counts, faults and throttles by. */
export function operationOf(request: EmulatorRequest): string {
  if (protocolOf(request) === 'query') return new URLSearchParams(request.body.toString('utf8')).get('Action') ?? 'unknown';
  const target = String(request.headers['x-amz-target'] ?? '');
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : 'unknown';
}

export const protocolOfOperation = (operation: string): AwsProtocol => (STS_OPERATIONS.has(operation) ? 'query' : 'json');

function signedRequestOf(request: EmulatorRequest): SignedRequest {
  return { method: request.method, path: request.path, rawQuery: request.query.toString(), headers: request.headers, body: request.body };
}

function handleJson(request: EmulatorRequest, context: AwsSmContext): EmulatorResponse {
  const caller = context.credentials.verify(signedRequestOf(request), 'secretsmanager', 'json');
  const operation = SECRETS_MANAGER_OPERATIONS[operationOf(request)];
  if (!operation) throw new AwsServiceError('UnknownOperationException', '', 400, true);
  const input = request.body.length === 0 ? {} : jsonBody(request);
  if (input === undefined || typeof input !== 'object' || Array.isArray(input)) {
    throw new AwsServiceError('SerializationException', 'The request body is not a JSON object.', 400, true);
  }
  const output = operation(input, { store: context.store, clock: context.clock, region: caller.region });
  return { status: 200, headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(output) };
}

function handleQuery(request: EmulatorRequest, context: AwsSmContext): EmulatorResponse {
  const caller = context.credentials.verify(signedRequestOf(request), 'sts', 'query');
  const body = context.sts.handle(new URLSearchParams(request.body.toString('utf8')), caller);
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

export function awsSmRouter(): Router<AwsSmContext> {
  return new Router<AwsSmContext>().add('POST', '/', 'aws', (request, context) => {
    const protocol = protocolOf(request);
    try {
      return protocol === 'json' ? handleJson(request, context) : handleQuery(request, context);
    } catch (error) {
      if (error instanceof AwsServiceError) return errorResponse(protocol, error);
      throw error;
    }
  });
}
