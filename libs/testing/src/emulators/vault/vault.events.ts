import { createServer, IncomingMessage, Server } from 'node:http';
import { hostname } from 'node:os';
import { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { Acl } from './vault.acl';
import { newUuid } from './vault.ids';
import { PluginEvent } from './vault.kv2.events';
import { KV_PLUGIN_VERSION } from './vault.mounts';
import { API_PREFIX } from './vault.request';
import { formatTimestamp, VaultClock } from './vault.time';

export const SUBSCRIBE_PREFIX = `${API_PREFIX}sys/events/subscribe/`;
/** Vault pings every subscriber this often and never reads what clients send. */
const PING_INTERVAL_MS = 30_000;

/** Who may subscribe: the emulator's token check and ACL, kept behind a function so this file needs no server. */
export type SubscriberAuthenticator = (token: string | undefined) => Acl | undefined;

interface Subscriber {
  socket: WebSocket;
  pattern: RegExp;
  acl: Acl;
}

/** `*` matches any run of characters, `/` included (`kv-v2/*`, `kv*`, `*`). */
function globPattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/**
 * Vault's event subscription (spec vault-sync-api §11): `GET /v1/sys/events/subscribe/<type pattern>?json=true`
 * upgraded to a websocket, one CloudEvents JSON text frame per event (§11.5). Subscribing needs `read` on the
 * subscribe path; an event then reaches a non-root token only when it has a `data_path` on which the token holds
 * `subscribe` (§11.3 caveat: delete-type events go to root tokens only). No replay: events raised while a client is
 * away are lost. Only `json=true` is served; Vault's protobuf frames are not emulated.
 */
export class VaultEventBus {
  private readonly subscribers = new Set<Subscriber>();
  private readonly source = `vault://${hostname()}`;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly clock: VaultClock,
    private readonly authenticate: SubscriberAuthenticator,
  ) {
    this.pinger = setInterval(() => this.subscribers.forEach(({ socket }) => socket.ping()), PING_INTERVAL_MS).unref();
  }

  publish(event: PluginEvent): void {
    const id = newUuid();
    const { mount } = event;
    const envelope = JSON.stringify({
      id,
      source: this.source,
      specversion: '1.0',
      type: '*',
      datacontentype: 'application/cloudevents',
      time: formatTimestamp(this.clock.nowNs()),
      data: {
        event: { id, metadata: event.metadata },
        event_type: event.eventType,
        plugin_info: { mount_class: mount.mountClass, mount_accessor: mount.accessor, mount_path: mount.path, plugin: mount.type, plugin_version: KV_PLUGIN_VERSION, version: '2' },
      },
    });
    for (const subscriber of this.subscribers) {
      if (subscriber.pattern.test(event.eventType) && this.mayReceive(subscriber.acl, event)) subscriber.socket.send(envelope);
    }
  }

  /** Handles an HTTP upgrade: answers 400/403/404 like Vault, or opens the subscription. */
  upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://vault');
    if (!url.pathname.startsWith(SUBSCRIBE_PREFIX)) return refuse(socket, 404, []);
    const eventType = decodeURIComponent(url.pathname.slice(SUBSCRIBE_PREFIX.length));
    if (!eventType) return refuse(socket, 400, ['did not specify eventType to subscribe to']);
    if (url.searchParams.get('json') !== 'true') return refuse(socket, 400, ['the emulator serves json=true subscriptions only']);
    const acl = this.authenticate(tokenOf(request));
    if (!acl || !acl.check(`sys/events/subscribe/${eventType}`, 'read').allowed) return refuse(socket, 403, ['permission denied']);
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const subscriber: Subscriber = { socket: ws, pattern: globPattern(eventType), acl };
      this.subscribers.add(subscriber);
      ws.on('close', () => this.subscribers.delete(subscriber));
      ws.on('error', () => ws.terminate());
    });
  }

  /** Test control: drops every subscription as a crashed or restarted node would. Returns how many. */
  dropSubscribers(): number {
    const count = this.subscribers.size;
    for (const { socket } of this.subscribers) socket.terminate();
    this.subscribers.clear();
    return count;
  }

  close(): void {
    clearInterval(this.pinger);
    this.dropSubscribers();
    this.wss.close();
  }

  private mayReceive(acl: Acl, event: PluginEvent): boolean {
    if (acl.isRoot) return true;
    const dataPath = event.metadata['data_path'];
    return dataPath !== undefined && acl.capabilities(dataPath).includes('subscribe');
  }
}

function tokenOf(request: IncomingMessage): string | undefined {
  const direct = request.headers['x-vault-token'];
  if (typeof direct === 'string' && direct) return direct;
  return /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' };

function refuse(socket: Socket, status: number, errors: string[]): void {
  const body = JSON.stringify({ errors });
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export interface EventsEndpoint {
  port: number;
  close(): Promise<void>;
}

/** The HTTP server the front door hands websocket upgrades to; plain requests get Vault's 404. */
export async function startEventsEndpoint(bus: VaultEventBus): Promise<EventsEndpoint> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [] }));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => bus.upgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
