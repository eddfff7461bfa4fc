import { sendUnaryData, Server, ServerCredentials, ServerUnaryCall, status, UntypedServiceImplementation } from '@grpc/grpc-js';
import { AddressInfo, createServer, Server as NetServer } from 'node:net';
import { EmulatorOptions } from '../core/control';
import { TrafficPolicy } from '../core/traffic-policy';
import { ConnectionTracker } from './gcp-sm.connections';
import { GcpSmError, injectedFault } from './gcp-sm.errors';
import { projectOfRequest } from './gcp-sm.names';
import { secretManagerService } from './gcp-sm.protos';
import { quotaExceeded } from './gcp-sm.quota';
import { SECRET_MANAGER_RPCS, ServiceContext } from './gcp-sm.service';
import { trailersFor } from './gcp-sm.status-details';

export interface RunningGrpcServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

type Rpc = (request: never, context: ServiceContext) => unknown;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(callback: sendUnaryData<unknown>, error: unknown): void {
  const known = error instanceof GcpSmError ? error : new GcpSmError(status.INTERNAL, `Internal error encountered: ${error instanceof Error ? error.message : String(error)}`);
  callback({ code: known.code, details: known.message, metadata: trailersFor(known) });
}

/**
 * SecretManagerService over plain-text HTTP/2 (spec §3.1: the SDK reaches it with insecure sslCreds).
 * Every RPC passes the traffic policy first (operation = RPC name), then authentication, then its handler.
 * Connections come in through our own TCP listener so that an injected connection reset can drop one.
 */
export async function startSecretManagerGrpc(context: ServiceContext, policy: TrafficPolicy, options: EmulatorOptions): Promise<RunningGrpcServer> {
  const connections = new ConnectionTracker();

  const handle = async (method: string, rpc: Rpc, call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>): Promise<void> => {
    const admission = policy.admit(method);
    if (admission.kind === 'throttled') return fail(callback, quotaExceeded(method, projectOfRequest(call.request)));
    if (admission.latencyMs > 0) await sleep(admission.latencyMs);
    if (admission.kind === 'fault') {
      if (admission.connectionReset) return connections.reset(call.getPeer());
      if (admission.status !== undefined) return fail(callback, injectedFault(admission.status));
    }
    const authorization = call.metadata.get('authorization')[0];
    context.guard.authenticate(typeof authorization === 'string' ? authorization : undefined);
    callback(null, rpc(call.request as never, context));
  };

  const implementation: UntypedServiceImplementation = {};
  for (const [method, rpc] of Object.entries(SECRET_MANAGER_RPCS)) {
    implementation[method] = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      handle(method, rpc as Rpc, call, callback).catch((error: unknown) => fail(callback, error));
    };
  }
  const server = new Server();
  server.addService(secretManagerService(), implementation);
  const injector = server.createConnectionInjector(ServerCredentials.createInsecure());
  const listener: NetServer = createServer((socket) => {
    connections.add(socket);
    injector.injectConnection(socket);
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port ?? 0, host, resolve);
  });
  return {
    host,
    port: (listener.address() as AddressInfo).port,
    close: async () => {
      connections.destroyAll();
      injector.destroy();
      server.forceShutdown();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}
