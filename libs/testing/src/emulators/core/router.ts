import { IncomingMessage } from 'node:http';

export interface RouteMatch<C> {
  operation: string;
  params: Record<string, string>;
  handler: RouteHandler<C>;
}

export interface EmulatorRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the handler via `params`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  params: Record<string, string>;
  /** Raw body; use {@link jsonBody} for JSON. */
  body: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and buffers as they are; undefined sends no body. */
  body?: unknown;
}

export type RouteHandler<C> = (request: EmulatorRequest, context: C) => EmulatorResponse | Promise<EmulatorResponse>;

interface Route<C> {
  method: string;
  pattern: RegExp;
  names: string[];
  operation: string;
  handler: RouteHandler<C>;
}

/**
 * Method + path-template routing (`/repos/:owner/:repo/actions/secrets/:name`). Each route names its
 * operation, which the traffic policy uses for counting, faults and per-operation limits.
 */
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  add(method: string, template: string, operation: string, handler: RouteHandler<C>): this {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, operation, handler });
    return this;
  }

  match(method: string, path: string): RouteMatch<C> | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { operation: route.operation, params, handler: route.handler };
    }
    return undefined;
  }
}

/** Parses a JSON body; `undefined` for an empty or malformed one (the handler answers in its wire format). */
export function jsonBody<T = Record<string, unknown>>(request: EmulatorRequest): T | undefined {
  if (request.body.length === 0) return undefined;
  try {
    return JSON.parse(request.body.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
