import { EmulatorOptions, RunningEmulator } from '../core/control';
import { CONTROL_PREFIX, startHttpEmulator } from '../core/http-emulator';
import { EmulatorRequest, RouteMatch, Router } from '../core/router';
import { errorResponse } from './vault.reply';
import { faultAnswer, throttledAnswer } from './vault.faults';
import { startEventsEndpoint } from './vault.events';
import { openFrontDoor } from './vault.front-door';
import { newServiceToken } from './vault.ids';
import { API_PREFIX } from './vault.request';
import { VaultServer } from './vault.server';
import { VaultClock } from './vault.time';

export { AuditReceiver } from './vault.audit-receiver';
export type { ReceivedEntry } from './vault.audit-receiver';
export { formatDuration, formatTimestamp, parseDuration } from './vault.time';
export { hmacWithSalt } from './vault.audit-entry';
export { VAULT_VERSION } from './vault.mounts';

export interface VaultEmulatorOptions extends EmulatorOptions {
  /** The root token (default: a random `hvs.…` token, like dev mode). */
  rootToken?: string;
  /** Command-line flags: `--root-token`. */
  flags?: Record<string, string>;
}

export interface RunningVaultEmulator extends RunningEmulator {
  rootToken: string;
  controlUrl: string;
  /** Moves the emulator's clock: `delete_version_after` deadlines pass, token TTLs run out. */
  advanceClock(ms: number): void;
  /** What `SIGHUP` does to audit devices: sockets reconnect and files reopen on the next entry. */
  reloadAudit(): Promise<void>;
  /** `sys/audit-hash` without a request: `value` HMAC'd with the salt of the device at `devicePath`. */
  auditHash(devicePath: string, value: string): string | undefined;
  /** Closes every event subscription (`sys/events/subscribe`) as a node restart would; returns how many. */
  dropEventSubscribers(): number;
}

/** Every `/v1/…` request goes to the Vault pipeline, which routes by mount itself. */
class VaultRouter extends Router<VaultServer> {
  override match(_method: string, path: string): RouteMatch<VaultServer> | undefined {
    if (!path.startsWith(API_PREFIX)) return undefined;
    return { operation: 'vault', params: {}, handler: (request, server) => server.handle(request) };
  }
}

function controlRouter(server: VaultServer): Router<VaultServer> {
  return new Router<VaultServer>()
    .add('POST', `${CONTROL_PREFIX}/clock`, 'control', (request) => {
      const { advanceMs } = JSON.parse(request.body.toString('utf8') || '{}') as { advanceMs?: unknown };
      if (typeof advanceMs !== 'number' || advanceMs < 0) return { status: 400, body: { error: 'advanceMs must be a non-negative number' } };
      server.clock.advance(advanceMs);
      return { status: 200, body: { ok: true } };
    })
    .add('POST', `${CONTROL_PREFIX}/audit-reload`, 'control', async () => {
      await server.audit.reload();
      return { status: 200, body: { ok: true } };
    })
    .add('POST', `${CONTROL_PREFIX}/events-drop`, 'control', () => ({ status: 200, body: { dropped: server.events.dropSubscribers() } }));
}

/**
 * Vault (CE, dev-mode-like) over HTTP: KV v1/v2 mounts, token auth, ACL policies, and audit devices that emit
 * Vault's exact entry format to `socket` and `file` devices (specs vault-change-capture, vault-sync-api §2/§8),
 * plus the Enterprise KV v2 event websocket (`sys/events/subscribe`, vault-sync-api §11).
 * Point any Vault client at `url` with `rootToken`; `secret/` is a KV v2 mount from the start.
 */
export async function startVaultEmulator(options: VaultEmulatorOptions = {}): Promise<RunningVaultEmulator> {
  const { port = 0, host = '127.0.0.1', flags = {} } = options;
  const rootToken = options.rootToken ?? flags['root-token'] ?? newServiceToken();
  const server = new VaultServer(new VaultClock(), rootToken);
  const running = await startHttpEmulator(
    {
      kind: 'vault',
      router: new VaultRouter(),
      context: server,
      notFound: (request: EmulatorRequest) => errorResponse(404, [`no handler for ${request.path}`]),
      faultResponse: (status) => faultAnswer(status),
      throttledResponse: (admission) => throttledAnswer(admission),
      operationOf: (request) => server.operationName(request),
      state: () => server.snapshot(),
      resetState: () => void server.reset(),
      extraControl: controlRouter(server),
    },
    { host: '127.0.0.1', port: 0 },
  );
  const events = await startEventsEndpoint(server.events);
  const frontDoor = await openFrontDoor(Number(new URL(running.url).port), host, port, events.port);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${frontDoor.port}`;
  return {
    ...running,
    url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
    rootToken,
    advanceClock: (ms) => server.clock.advance(ms),
    reloadAudit: () => server.audit.reload(),
    auditHash: (devicePath, value) => server.audit.hash(devicePath, value),
    dropEventSubscribers: () => server.events.dropSubscribers(),
    close: async () => {
      await frontDoor.close();
      server.events.close();
      await events.close();
      await running.close();
      await server.audit.reset();
    },
  };
}
