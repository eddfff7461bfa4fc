import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { EmulatorControl, EmulatorOptions, FaultSpec, RateLimitSpec, RunningEmulator } from './control';
import { EmulatorRequest, EmulatorResponse, Router } from './router';
import { Admission, TrafficPolicy } from './traffic-policy';

export const CONTROL_PREFIX = '/__emulator';

/** What an HTTP emulator supplies; the shared server does routing, faults, limits and the control surface. */
export interface HttpEmulatorDefinition<C> {
  kind: string;
  router: Router<C>;
  /** Per-request context given to handlers (usually the emulator's state store). */
  context: C;
  /** The emulator's wire-format answer for an unmatched route. */
  notFound(request: EmulatorRequest): EmulatorResponse;
  /** The emulator's wire-format answer for an injected fault status. */
  faultResponse(status: number, operation: string): EmulatorResponse;
  /** The emulator's wire-format answer when the configured rate limit is exceeded. */
  throttledResponse(admission: Extract<Admission, { kind: 'throttled' }>, operation: string): EmulatorResponse;
  /**
   * Names the operation of a matched request when one route carries many (RPC protocols such as AWS JSON's
   * `X-Amz-Target` or AWS query's `Action=`); the route's own name otherwise. Faults, limits and counts use it.
   */
  operationOf?(request: EmulatorRequest, routeOperation: string): string;
  /** Called before any route; a response here (e.g. 401 for bad auth) ends the request. */
  authenticate?(request: EmulatorRequest, operation: string): EmulatorResponse | undefined | Promise<EmulatorResponse | undefined>;
  state(): unknown;
  resetState(): void;
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Answers to requests under CONTROL_PREFIX the shared surface does not know (emulator-specific helpers). */
  extraControl?: Router<C>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, answer: EmulatorResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(answer.body)) payload = answer.body;
  else if (typeof answer.body === 'string') payload = Buffer.from(answer.body, 'utf8');
  else if (answer.body !== undefined) {
    payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload) headers['content-length'] = String(payload.length);
  response.writeHead(answer.status, headers);
  response.end(payload);
}

function controlFor<C>(definition: HttpEmulatorDefinition<C>, policy: TrafficPolicy): EmulatorControl {
  return {
    state: () => definition.state(),
    reset: () => {
      definition.resetState();
      policy.reset();
    },
    injectFault: (fault) => policy.injectFault(fault),
    clearFaults: () => policy.clearFaults(),
    setRateLimit: (limit) => policy.setRateLimit(limit),
    requestCounts: () => policy.requestCounts(),
  };
}

/** The control surface over HTTP, for emulators run standalone (`npm run emulator`). */
export function controlRouter(): Router<EmulatorControl> {
  const ok = (body?: unknown): EmulatorResponse => ({ status: 200, body: body ?? { ok: true } });
  const parse = <T>(request: EmulatorRequest): T => JSON.parse(request.body.toString('utf8') || '{}') as T;
  return new Router<EmulatorControl>()
    .add('GET', `${CONTROL_PREFIX}/state`, 'control', (_r, c) => ok(c.state()))
    .add('POST', `${CONTROL_PREFIX}/reset`, 'control', (_r, c) => (c.reset(), ok()))
    .add('POST', `${CONTROL_PREFIX}/faults`, 'control', (r, c) => (c.injectFault(parse<FaultSpec>(r)), ok()))
    .add('DELETE', `${CONTROL_PREFIX}/faults`, 'control', (_r, c) => (c.clearFaults(), ok()))
    .add('PUT', `${CONTROL_PREFIX}/rate-limit`, 'control', (r, c) => (c.setRateLimit(parse<RateLimitSpec>(r)), ok()))
    .add('DELETE', `${CONTROL_PREFIX}/rate-limit`, 'control', (_r, c) => (c.setRateLimit(undefined), ok()))
    .add('GET', `${CONTROL_PREFIX}/requests`, 'control', (_r, c) => ok(c.requestCounts()));
}

/** Starts an HTTP(S) emulator on `options.port` (0 or omitted: a free port) and `options.host` (127.0.0.1). */
export async function startHttpEmulator<C>(definition: HttpEmulatorDefinition<C>, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const policy = new TrafficPolicy();
  const control = controlFor(definition, policy);
  const controlRoutes = controlRouter();

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://emulator');
    const method = incoming.method ?? 'GET';
    const request: EmulatorRequest = { method, path: url.pathname, query: url.searchParams, headers: incoming.headers, params: {}, body: await readBody(incoming) };

    if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      const builtIn = controlRoutes.match(method, url.pathname);
      if (builtIn) return send(response, await builtIn.handler({ ...request, params: builtIn.params }, control));
      const extra = definition.extraControl?.match(method, url.pathname);
      if (extra) return send(response, await extra.handler({ ...request, params: extra.params }, definition.context));
      return send(response, { status: 404, body: { error: 'unknown control endpoint' } });
    }

    const route = definition.router.match(method, url.pathname);
    const operation = route ? (definition.operationOf?.(request, route.operation) ?? route.operation) : 'unmatched';
    const admission = policy.admit(operation);
    if (admission.kind === 'throttled') return send(response, definition.throttledResponse(admission, operation));
    if (admission.latencyMs > 0) await sleep(admission.latencyMs);
    if (admission.kind === 'fault') {
      if (admission.connectionReset) {
        incoming.socket.destroy();
        return;
      }
      if (admission.status !== undefined) return send(response, definition.faultResponse(admission.status, operation));
    }
    const denied = await definition.authenticate?.(request, operation);
    if (denied) return send(response, denied);
    if (!route) return send(response, definition.notFound(request));
    send(response, await route.handler({ ...request, params: route.params }, definition.context));
  };

  const listener = (incoming: IncomingMessage, response: ServerResponse) => {
    handle(incoming, response).catch((err: unknown) => {
      if (!response.headersSent) send(response, { status: 500, body: { error: 'emulator failure', detail: err instanceof Error ? err.message : String(err) } });
    });
  };
  const server: Server = definition.tls ? createHttpsServer(definition.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    kind: definition.kind,
    url: `${definition.tls ? 'https' : 'http'}://${host}:${port}`,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
