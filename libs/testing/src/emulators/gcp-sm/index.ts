import { EmulatorOptions, RunningEmulator } from '../core/control';
import { controlOverPolicy } from '../core/control-routes';
import { startControlServer } from '../core/control-server';
import { TrafficPolicy } from '../core/traffic-policy';
import { AccessGuard, AccessOptions } from './gcp-sm.access';
import { startSecretManagerGrpc } from './gcp-sm.server';
import { SecretManagerStore } from './gcp-sm.store';
import { GcpProject } from './gcp-sm.types';

export type { AccessOptions } from './gcp-sm.access';
export type { GcpProject } from './gcp-sm.types';
export { LIMITS } from './gcp-sm.rules';

export interface GcpSmEmulatorOptions extends EmulatorOptions, AccessOptions {
  /** Port of the HTTP control server; a free one when omitted. */
  controlPort?: number;
  /** A standing rate limit over all RPCs, per minute (the control surface can change it). */
  requestsPerMinute?: number;
  /**
   * Command-line flags, added to the options: `--control-port`, `--requests-per-minute`, and comma lists
   * `--projects id[:number],…`, `--access-tokens t1,…`, `--denied-permissions p1,…`.
   */
  flags?: Record<string, string>;
}

export interface RunningGcpSmEmulator extends RunningEmulator {
  /** `http://host:port/__emulator` of the separate HTTP control server. */
  controlUrl: string;
  /** `url` split for the SDK's `apiEndpoint` and `port` options. */
  host: string;
  port: number;
  /** Moves the emulator's clock forward: expiring secrets and scheduled version destructions come due. */
  advanceClock(ms: number): void;
}

function optionsFromFlags(flags: Record<string, string>): GcpSmEmulatorOptions {
  const list = (name: string) => (flags[name] ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  const number = (name: string) => {
    if (flags[name] === undefined) return undefined;
    const value = Number(flags[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, not "${flags[name]}"`);
    return value;
  };
  const projects = list('projects').map((item): GcpProject => {
    const [id, projectNumber] = item.split(':');
    return projectNumber ? { id, number: projectNumber } : { id };
  });
  return {
    controlPort: number('control-port'),
    requestsPerMinute: number('requests-per-minute'),
    projects,
    accessTokens: list('access-tokens'),
    deniedPermissions: list('denied-permissions'),
  };
}

/**
 * Google Cloud Secret Manager over gRPC (spec §3), served from the official package's protos. Point the SDK
 * at it with `new SecretManagerServiceClient({apiEndpoint: host, port, sslCreds: grpc.credentials.createInsecure()})`.
 * Faults, rate limits and request counts apply per RPC name (`CreateSecret`, `AccessSecretVersion`, …).
 */
export async function startGcpSmEmulator(options: GcpSmEmulatorOptions = {}): Promise<RunningGcpSmEmulator> {
  const fromFlags = optionsFromFlags(options.flags ?? {});
  const access: AccessOptions = {
    projects: [...(options.projects ?? []), ...(fromFlags.projects ?? [])],
    accessTokens: [...(options.accessTokens ?? []), ...(fromFlags.accessTokens ?? [])],
    deniedPermissions: [...(options.deniedPermissions ?? []), ...(fromFlags.deniedPermissions ?? [])],
  };
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  const store = new SecretManagerStore(now);
  const policy = new TrafficPolicy();
  const control = controlOverPolicy(
    policy,
    () => ({ nowMs: now(), ...access, secrets: store.state() }),
    () => {
      store.reset();
      clockOffsetMs = 0;
    },
  );
  const requestsPerMinute = fromFlags.requestsPerMinute ?? options.requestsPerMinute;
  if (requestsPerMinute !== undefined) policy.setRateLimit({ limit: requestsPerMinute, windowMs: 60_000 });

  const grpc = await startSecretManagerGrpc({ store, guard: new AccessGuard(access), now }, policy, options);
  const controlServer = await startControlServer(control, { host: options.host, port: fromFlags.controlPort ?? options.controlPort }).catch(async (error: unknown) => {
    await grpc.close();
    throw error;
  });
  return {
    kind: 'gcp-sm',
    url: `${grpc.host}:${grpc.port}`,
    host: grpc.host,
    port: grpc.port,
    controlUrl: controlServer.controlUrl,
    control,
    advanceClock: (ms) => {
      clockOffsetMs += ms;
    },
    close: async () => {
      await Promise.all([grpc.close(), controlServer.close()]);
    },
  };
}
