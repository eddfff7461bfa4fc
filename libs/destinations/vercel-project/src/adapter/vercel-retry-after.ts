import { VercelErrorBody } from './vercel-http-error';

/** When a 429 names no usable reset time. */
export const THROTTLING_RETRY_AFTER_MS = 1_000;

function positive(ms: number): number | undefined {
  return Number.isFinite(ms) && ms > 0 ? Math.ceil(ms) : undefined;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const text = headers.get(name);
  return text === null || text.trim() === '' ? undefined : Number(text);
}

/** `Retry-After` in seconds or as an HTTP date. */
function retryAfterHeader(headers: Headers, nowMs: number): number | undefined {
  const text = headers.get('retry-after');
  if (text === null || text.trim() === '') return undefined;
  const seconds = Number(text);
  return Number.isNaN(seconds) ? positive(Date.parse(text) - nowMs) : positive(seconds * 1000);
}

/**
 * How long a 429 asks us to wait (spec §5.3): `retry-after-ms` and `Retry-After` (which `@vercel/sdk` honours),
 * else `X-RateLimit-Reset` (epoch seconds), else the body's `limit.resetMs` / `limit.reset`.
 */
export function retryAfterMsOf(headers: Headers, body: VercelErrorBody, nowMs: number): number {
  const resetHeader = numberHeader(headers, 'x-ratelimit-reset');
  const retryAfterMs = numberHeader(headers, 'retry-after-ms');
  const candidates = [
    retryAfterMs === undefined ? undefined : positive(retryAfterMs),
    retryAfterHeader(headers, nowMs),
    resetHeader === undefined ? undefined : positive(resetHeader * 1000 - nowMs),
    body.limit?.resetMs === undefined ? undefined : positive(body.limit.resetMs - nowMs),
    body.limit?.reset === undefined ? undefined : positive(body.limit.reset * 1000 - nowMs),
  ];
  return candidates.find((ms) => ms !== undefined) ?? THROTTLING_RETRY_AFTER_MS;
}
