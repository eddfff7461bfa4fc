import { STATUS_CODES } from 'node:http';
import { EmulatorResponse } from '../core/router';

/** Where GitHub points when no operation-specific page applies. */
export const GENERIC_DOCS_URL = 'https://docs.github.com/rest';
export const PRIMARY_RATE_LIMIT_DOCS_URL = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits';
export const SECONDARY_RATE_LIMIT_DOCS_URL = 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

/** GitHub's basic error body (spec §4.5): the status repeats as a string. */
export interface GhErrorBody {
  message: string;
  documentation_url: string;
  status: string;
}

export function errorResponse(status: number, message: string, documentationUrl = GENERIC_DOCS_URL, headers: Record<string, string> = {}): EmulatorResponse {
  const body: GhErrorBody = { message, documentation_url: documentationUrl, status: String(status) };
  return { status, headers, body };
}

/** Thrown by handlers; the route wrapper answers it with the operation's documentation URL. */
export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A missing resource, and equally one the caller may not see: GitHub hides private resources (spec §4.5). */
export const notFound = () => new GitHubApiError(404, 'Not Found');

/** A JSON-schema failure of the request body, worded as GitHub's validator words it. */
export const invalidRequest = (detail: string) => new GitHubApiError(422, `Invalid request.\n\n${detail}`);

export const unprocessable = (message: string) => new GitHubApiError(422, message);

export const badCredentials = () => errorResponse(401, 'Bad credentials');

export const requiresAuthentication = () => errorResponse(401, 'Requires authentication');

/** Any credential other than a valid app JWT on `/app/*`, and a JWT that fails verification. */
export const undecodableJwt = () => errorResponse(401, 'A JSON web token could not be decoded');

export const notAccessibleByIntegration = () => errorResponse(403, 'Resource not accessible by integration');

/** Injected faults: GitHub's 5xx bodies say "Server Error"; 4xx use the status text. */
export function faultResponse(status: number): EmulatorResponse {
  return errorResponse(status, status >= 500 ? 'Server Error' : (STATUS_CODES[status] ?? 'Error'));
}

export function primaryRateLimitMessage(subject: string): string {
  return `API rate limit exceeded for ${subject}.`;
}

export function secondaryRateLimitMessage(requestId: string): string {
  return `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
}
