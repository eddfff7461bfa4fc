import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { EmulatorControl, EmulatorOptions } from './control';
import { CONTROL_PREFIX, controlRouter } from './control-routes';
import { readBody, send } from './http-io';

/**
 * The shared control surface on its own HTTP port, for emulators whose protocol the core HTTP server
 * cannot carry (gRPC). Same endpoints as `startHttpEmulator` serves under CONTROL_PREFIX.
 */
export interface RunningControlServer {
  /** `http://host:port/__emulator`: append `/state`, `/reset`, `/faults`, `/rate-limit`, `/requests`. */
  controlUrl: string;
  close(): Promise<void>;
}

/** Serves `control` over HTTP on `options.port` (0 or omitted: a free port) and `options.host` (127.0.0.1). */
export async function startControlServer(control: EmulatorControl, options: EmulatorOptions = {}): Promise<RunningControlServer> {
  const routes = controlRouter();
  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://control');
    const method = incoming.method ?? 'GET';
    const route = routes.match(method, url.pathname);
    if (!route) return send(response, { status: 404, body: { error: 'unknown control endpoint' } });
    const body = await readBody(incoming);
    send(response, await route.handler({ method, path: url.pathname, query: url.searchParams, headers: incoming.headers, params: route.params, body }, control));
  };
  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((err: unknown) => {
      if (!response.headersSent) send(response, { status: 400, body: { error: err instanceof Error ? err.message : String(err) } });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    controlUrl: `http://${host}:${port}${CONTROL_PREFIX}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
