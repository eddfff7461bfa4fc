/** Node's global `fetch`, or a stand-in with its signature. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** One Vault API call, relative to `/v1/`. */
export interface VaultRequest {
  method: 'GET' | 'POST';
  /** Path under `/v1/`, segments already encoded (see `apiPath`). */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON. Its string values count as credentials: they are scrubbed from error messages. */
  body?: Record<string, unknown>;
  /** The token to send; omitted only for login calls. */
  token?: string;
  /** `X-Vault-Namespace`; the client's namespace when omitted. */
  namespace?: string;
}

/** An answer the caller interprets itself: any 2xx, and 404 (which means different things per endpoint). */
export interface VaultResponse {
  status: number;
  body: unknown;
}

/** `GET secret/data/app/db`: names a call in errors and logs; paths are not secret (spec change-capture §6.6). */
export function describeRequest(request: Pick<VaultRequest, 'method' | 'path'>): string {
  return `${request.method} ${request.path}`;
}

/** Joins path parts under `/v1/`, percent-encoding each segment so names with `?`, `#` or `%` stay paths. */
export function apiPath(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .map(encodeURIComponent)
    .join('/');
}
