import { EmulatorResponse } from '../core/router';
import { Admission } from '../core/traffic-policy';

/** The body every Vercel endpoint fails with (spec §5.3): `{ error: { code, message, … } }`. */
export interface VercelErrorBody {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export function vercelError(status: number, code: string, message: string, details: Record<string, unknown> = {}): EmulatorResponse {
  return { status, body: { error: { code, message, ...details } } };
}

export function errorResponse(status: number, error: VercelErrorBody): EmulatorResponse {
  return { status, body: { error } };
}

export const notAuthorized = (details: Record<string, unknown> = {}) => vercelError(403, 'forbidden', 'Not authorized', details);

export const badRequest = (message: string, details: Record<string, unknown> = {}) => vercelError(400, 'bad_request', message, details);

export const projectNotFound = (idOrName: string) => vercelError(404, 'not_found', `Project not found: ${idOrName}`);

export const envNotFound = (id: string) => vercelError(404, 'not_found', `Environment Variable not found: ${id}`);

const CODE_BY_STATUS: Record<number, string> = { 400: 'bad_request', 401: 'forbidden', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 429: 'rate_limited' };

/** An injected fault in Vercel's shape; 5xx are all `internal_server_error` (spec §5.3). */
export function faultError(status: number): EmulatorResponse {
  if (status >= 500) return vercelError(status, 'internal_server_error', 'An unexpected internal error occurred');
  return vercelError(status, CODE_BY_STATUS[status] ?? 'bad_request', `Injected failure (HTTP ${status})`);
}

/** 429 with the `X-RateLimit-*` headers (reset in epoch seconds) and the `limit` block of the body (spec §5.3). */
export function rateLimited(admission: Extract<Admission, { kind: 'throttled' }>): EmulatorResponse {
  const resetSeconds = Math.ceil(admission.resetAtMs / 1000);
  return {
    status: 429,
    headers: {
      'x-ratelimit-limit': String(admission.limit),
      'x-ratelimit-remaining': String(admission.remaining),
      'x-ratelimit-reset': String(resetSeconds),
      'retry-after': String(Math.ceil(admission.retryAfterMs / 1000)),
    },
    body: {
      error: {
        code: 'rate_limited',
        message: `Rate limit of ${admission.limit} exceeded. Try again in ${Math.ceil(admission.retryAfterMs / 1000)} seconds`,
        limit: { remaining: admission.remaining, reset: resetSeconds, resetMs: admission.resetAtMs, total: admission.limit },
      },
    },
  };
}
