import { randomBytes } from 'node:crypto';
import { EmulatorRequest, EmulatorResponse } from '../core/router';
import { Caller, identify, rateBucketOf } from './gh.auth';
import { errorResponse, PRIMARY_RATE_LIMIT_DOCS_URL, primaryRateLimitMessage, SECONDARY_RATE_LIMIT_DOCS_URL, secondaryRateLimitMessage } from './gh.errors';
import { GhRateLimiter, RateSnapshot } from './gh.rate-limit';
import { GhStore } from './gh.store';

/** What every handler and hook works on. */
export interface GhContext {
  store: GhStore;
  limiter: GhRateLimiter;
  now: () => number;
}

/** Calendar versions accepted in `X-GitHub-Api-Version`; without the header GitHub serves the oldest. */
const API_VERSIONS = ['2026-03-10', '2022-11-28'] as const;
const DEFAULT_API_VERSION = '2022-11-28';

function requestedApiVersion(request: EmulatorRequest): string {
  const header = request.headers['x-github-api-version'];
  return (Array.isArray(header) ? header[0] : header) ?? DEFAULT_API_VERSION;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();

/** The shape of GitHub's request ids, e.g. `C0DE:1A2B:3C4D5E:6F7A8B9:6789ABCD`. */
export const newRequestId = (): string => [hex(2), hex(2), hex(3), hex(4).slice(1), hex(4)].join(':');

function rateLimitHeaders(snapshot: RateSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(snapshot.limit),
    'x-ratelimit-remaining': String(snapshot.remaining),
    'x-ratelimit-used': String(snapshot.used),
    'x-ratelimit-reset': String(snapshot.reset),
    'x-ratelimit-resource': 'core',
  };
}

/** Adds GitHub's usual headers; the rate-limit ones only where the caller is known. */
export function withGitHubHeaders(response: EmulatorResponse, snapshot: RateSnapshot | undefined, apiVersion = DEFAULT_API_VERSION): EmulatorResponse {
  return {
    ...response,
    headers: {
      'x-github-request-id': newRequestId(),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': apiVersion,
      ...(snapshot ? rateLimitHeaders(snapshot) : {}),
      ...response.headers,
    },
  };
}

/** The caller a request carries, or anonymous when its credentials do not hold. */
export function callerOf(context: GhContext, request: EmulatorRequest): Caller {
  const identified = identify(request, context.store, context.now());
  return 'caller' in identified ? identified.caller : { kind: 'anonymous' };
}

/** Decorates an answer to `request` with the headers for its caller's current budget. */
export function respond(context: GhContext, request: EmulatorRequest, response: EmulatorResponse): EmulatorResponse {
  const { bucket, authenticated } = rateBucketOf(callerOf(context, request));
  return withGitHubHeaders(response, context.limiter.snapshot(bucket, authenticated), requestedApiVersion(request));
}

/**
 * Runs before every route: the API version, the credentials, then the primary and secondary budgets
 * (spec §4.6). Failed credentials spend from the unauthenticated budget, as on GitHub.
 */
export function gate(context: GhContext, request: EmulatorRequest): EmulatorResponse | undefined {
  const version = requestedApiVersion(request);
  if (!(API_VERSIONS as readonly string[]).includes(version)) {
    const supported = API_VERSIONS.map((v, i) => (i === 0 ? `"${v}" (most recent)` : `"${v}"`)).join(', ');
    const message = `The version you specified in the "X-GitHub-API-Version" request header, "${version}", is not a supported version. The following versions are currently supported: ${supported}.`;
    return withGitHubHeaders(errorResponse(400, message), undefined);
  }
  const identified = identify(request, context.store, context.now());
  const caller: Caller = 'caller' in identified ? identified.caller : { kind: 'anonymous' };
  const { bucket, subject, authenticated } = rateBucketOf(caller);
  const verdict = context.limiter.consume(bucket, authenticated, request.method);
  if ('denied' in identified) return withGitHubHeaders(identified.denied, verdict.snapshot, version);
  if (verdict.kind === 'primary') {
    return withGitHubHeaders(errorResponse(verdict.status, primaryRateLimitMessage(subject), PRIMARY_RATE_LIMIT_DOCS_URL), verdict.snapshot, version);
  }
  if (verdict.kind === 'secondary') return secondaryRateLimited(verdict.status, verdict.retryAfterSeconds, verdict.snapshot, version);
  return undefined;
}

/** The secondary limit's answer: `retry-after` in seconds, and a message quoting the request id it carries. */
export function secondaryRateLimited(status: number, retryAfterSeconds: number, snapshot: RateSnapshot | undefined, apiVersion?: string): EmulatorResponse {
  const requestId = newRequestId();
  const headers = { 'retry-after': String(retryAfterSeconds), 'x-github-request-id': requestId };
  return withGitHubHeaders(errorResponse(status, secondaryRateLimitMessage(requestId), SECONDARY_RATE_LIMIT_DOCS_URL, headers), snapshot, apiVersion);
}
