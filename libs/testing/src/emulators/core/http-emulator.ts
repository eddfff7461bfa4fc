import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { EmulatorOptions, RunningEmulator } from './control';
import { CONTROL_PREFIX, controlOverPolicy, controlRouter } from './control-routes';
import { readBody, send } from './http-io';
import { EmulatorRequest, EmulatorResponse, Router } from './router';
import { Admission, TrafficPolicy } from './traffic-policy';

export { CONTROL_PREFIX } from './control-routes';

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

/** Starts an HTTP(S) emulator on `options.port` (0 or omitted: a free port) and `options.host` (127.0.0.1). */
export async function startHttpEmulator<C>(definition: HttpEmulatorDefinition<C>, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const policy = new TrafficPolicy();
  const control = controlOverPolicy(policy, () => definition.state(), () => definition.resetState());
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
