import { IncomingHttpHeaders } from 'node:http';
import { EmulatorRequest, EmulatorResponse } from '../core/router';
import { FRONT_DOOR_HEADERS } from './vault.front-door';
import { isPlainObject } from './vault.go-json';
import { errorResponse } from './vault.reply';

export const API_PREFIX = '/v1/';
const MERGE_PATCH = 'application/merge-patch+json';

/** The operation the HTTP verb implies; POST/PUT become `create` or `update` after the existence check. */
export type BaseOperation = 'read' | 'list' | 'write' | 'patch' | 'delete';

export interface ParsedRequest {
  path: string;
  baseOperation: BaseOperation;
  data: Record<string, unknown> | undefined;
  clientToken: string | undefined;
  headers: IncomingHttpHeaders;
  remoteAddress: string;
  remotePort: number;
  requestUri: string;
}

export type ParseOutcome = { kind: 'parsed'; request: ParsedRequest } | { kind: 'rejected'; response: EmulatorResponse };

const rejected = (status: number, errors: string[]): ParseOutcome => ({ kind: 'rejected', response: errorResponse(status, errors) });

/** Go's `strconv.ParseBool` truth, which `?list=` goes through. */
const isTrue = (value: string | null) => value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `X-Vault-Token`, or a bearer token in `Authorization` (vault-sync-api §2). */
function clientTokenOf(headers: IncomingHttpHeaders): string | undefined {
  const direct = header(headers, 'x-vault-token');
  if (direct) return direct;
  const bearer = /^Bearer\s+(.+)$/i.exec(header(headers, 'authorization') ?? '');
  return bearer?.[1];
}

function baseOperationOf(method: string, query: URLSearchParams): BaseOperation | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return isTrue(query.get('list')) ? 'list' : 'read';
    case 'POST':
    case 'PUT':
      return 'write';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return 'delete';
    default:
      return undefined;
  }
}

/** Query parameters as Vault hands them to read, list and delete handlers: one value → string, several → list. */
function queryData(query: URLSearchParams): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (const key of new Set(query.keys())) {
    if (key === 'list' || key === 'help') continue;
    const values = query.getAll(key);
    data[key] = values.length === 1 ? values[0] : values;
  }
  return Object.keys(data).length ? data : undefined;
}

/** HTTP → Vault request, with Vault's HTTP-layer refusals (these are never audited). */
export function parseRequest(request: EmulatorRequest): ParseOutcome {
  const baseOperation = baseOperationOf(request.method, request.query);
  if (!baseOperation) return rejected(405, []);
  let path: string;
  try {
    path = decodeURIComponent(request.path.slice(API_PREFIX.length));
  } catch {
    return rejected(400, ['invalid URL path encoding']);
  }
  if (baseOperation === 'patch') {
    const contentType = (header(request.headers, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== MERGE_PATCH) return rejected(415, [`PATCH requires Content-Type of ${MERGE_PATCH}, provided ${contentType}`]);
  }
  let data: Record<string, unknown> | undefined;
  if (baseOperation === 'write' || baseOperation === 'patch') {
    const text = request.body.toString('utf8').trim();
    if (text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        return rejected(400, [`failed to parse JSON input: ${err instanceof Error ? err.message : String(err)}`]);
      }
      if (!isPlainObject(parsed)) return rejected(400, ['failed to parse JSON input: the body must be a JSON object']);
      data = parsed;
    }
  } else {
    data = queryData(request.query);
  }
  const remotePort = Number(header(request.headers, FRONT_DOOR_HEADERS.remotePort) ?? 0);
  return {
    kind: 'parsed',
    request: {
      path,
      baseOperation,
      data,
      clientToken: clientTokenOf(request.headers),
      headers: request.headers,
      remoteAddress: header(request.headers, FRONT_DOOR_HEADERS.remoteAddress) ?? '',
      remotePort,
      requestUri: header(request.headers, FRONT_DOOR_HEADERS.requestUri) ?? request.path,
    },
  };
}
