import { RawData, WebSocket } from 'ws';
import { CaptureCounters, CaptureGapReason, newCaptureCounters } from '../stream/capture-counters';
import { BoundedChangeQueue } from './bounded-change-queue';
import { DEFAULT_QUEUE_CAPACITY, FeedOptions } from './feed-options';
import { decodeVaultEvent } from './vault-events-feed.envelope';

export interface VaultEventsFeedOptions extends Pick<FeedOptions, 'onChange' | 'logger' | 'onGap' | 'queueCapacity'> {
  /** VAULT_ADDR (`http(s)://…`); the websocket goes to `ws(s)://…/v1/sys/events/subscribe/<eventTypes>`. */
  address: string;
  /** Asked on every (re)connect, so a renewed or re-issued token is picked up. */
  token: () => string | Promise<string>;
  /** `X-Vault-Namespace`. */
  namespace?: string;
  /** Event type pattern (default `kv-v2/*`). */
  eventTypes?: string;
  /** First reconnect delay, doubled per failed attempt up to `maxReconnectDelayMs` (defaults 500 ms, 30 s). */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Vault pings every 30 s: with no ping or frame for this long the connection is presumed dead (default 75 s). */
  idleTimeoutMs?: number;
  /** Larger frames close the connection (default 1 MiB; events are small). */
  maxFrameBytes?: number;
  random?: () => number;
}

export interface EventsFeedCounters extends CaptureCounters {
  /** Successful subscriptions so far; each one after the first follows a gap. */
  connections: number;
}

const FEED = 'vault-events';

/**
 * The optional event feed of Vault Enterprise 1.16+ (spec vault-change-capture §5, vault-sync-api §11): a
 * websocket subscription whose KV v2 events become the same `ObservedSecretChange`s the audit feeds produce.
 * It reconnects forever with jittered exponential backoff. Events have no replay, so every new connection is
 * reported as a gap (`connection-opened`) for the owner to reconcile. Frames are never logged, only counted.
 */
export class VaultEventsFeed {
  private readonly tally: EventsFeedCounters = { ...newCaptureCounters(), connections: 0 };
  private readonly queue: BoundedChangeQueue;
  private socket: WebSocket | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private failedAttempts = 0;
  /** The last failure logged since the last successful connection, so a down Vault is reported once. */
  private lastFailure: string | undefined;
  private malformedThisConnection = 0;
  private closed = false;

  private constructor(private readonly options: VaultEventsFeedOptions) {
    const { logger } = options;
    this.queue = new BoundedChangeQueue({
      capacity: options.queueCapacity ?? DEFAULT_QUEUE_CAPACITY,
      handler: options.onChange,
      onOverflow: () => this.gap('queue-overflow', 'warn'),
      onDropped: () => (this.tally.dropped += 1),
      onHandlerError: (error, change) =>
        logger.warn({ feed: FEED, requestId: change.requestId, error: error instanceof Error ? error.message : String(error) }, 'change handler failed'),
    });
  }

  /** Starts subscribing in the background: Vault may be down, the feed keeps trying. */
  static start(options: VaultEventsFeedOptions): VaultEventsFeed {
    const feed = new VaultEventsFeed(options);
    void feed.connect();
    return feed;
  }

  counters(): EventsFeedCounters {
    return { ...this.tally };
  }

  isConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Stops reconnecting, closes the subscription and waits for queued changes. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.idleTimer);
    const socket = this.socket;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.terminate();
      await gone;
    }
    await this.queue.idle();
  }

  private async connect(): Promise<void> {
    let token: string;
    try {
      token = await this.options.token();
    } catch (error) {
      this.options.logger.warn({ feed: FEED, error: error instanceof Error ? error.message : String(error) }, 'no Vault token for the event subscription');
      return this.scheduleReconnect();
    }
    if (this.closed) return;
    const socket = new WebSocket(this.subscribeUrl(), {
      headers: { 'X-Vault-Token': token, 'X-Vault-Request': 'true', ...(this.options.namespace ? { 'X-Vault-Namespace': this.options.namespace } : {}) },
      maxPayload: this.options.maxFrameBytes ?? 1024 * 1024,
      followRedirects: true,
      maxRedirects: 10,
      handshakeTimeout: 10_000,
    });
    this.socket = socket;
    let refused = false;
    socket.on('open', () => this.opened());
    socket.on('unexpected-response', (_request, response) => {
      refused = true;
      // 404: no events endpoint (Vault CE 1.16+, OpenBao); 403: the token may not subscribe (spec §11.2).
      this.failed(`status ${response.statusCode ?? 0}`, { status: response.statusCode }, 'event subscription refused');
      socket.terminate();
    });
    socket.on('ping', () => this.touch(socket));
    socket.on('message', (data, isBinary) => this.frame(socket, data, isBinary));
    socket.on('error', (error) => {
      if (refused) return; // reported above; terminating the refused handshake errors too
      this.failed(error.message, { error: error.message }, 'event subscription error');
    });
    socket.on('close', (code) => this.disconnected(socket, code));
  }

  private subscribeUrl(): string {
    const url = new URL(`/v1/sys/events/subscribe/${encodeURI(this.options.eventTypes ?? 'kv-v2/*')}`, this.options.address);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('json', 'true');
    return url.toString();
  }

  private opened(): void {
    this.failedAttempts = 0;
    this.lastFailure = undefined;
    this.malformedThisConnection = 0;
    this.tally.connections += 1;
    if (this.socket) this.touch(this.socket);
    // No replay: whatever happened before this connection is unknown to us (spec vault-sync-api §11.6).
    this.gap('connection-opened', 'info');
  }

  /** Logged once per distinct failure, so a Vault without events (404) or a down Vault does not flood the log. */
  private failed(key: string, details: object, message: string): void {
    if (key !== this.lastFailure) this.options.logger.warn({ feed: FEED, ...details }, message);
    this.lastFailure = key;
  }

  private frame(socket: WebSocket, data: RawData, isBinary: boolean): void {
    this.touch(socket);
    this.tally.entries += 1;
    const decoded = isBinary ? ({ kind: 'malformed' } as const) : decodeVaultEvent(rawText(data));
    if (decoded.kind === 'ignored') return;
    if (decoded.kind === 'malformed') {
      this.tally.malformed += 1;
      this.malformedThisConnection += 1;
      // The first per connection is worth a warning; the body never is.
      this.gap('malformed-line', this.malformedThisConnection === 1 ? 'warn' : 'silent');
      return;
    }
    this.tally.changes += 1;
    this.queue.offer(decoded.change);
  }

  private touch(socket: WebSocket): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.options.logger.warn({ feed: FEED }, 'event subscription silent for too long: reconnecting');
      socket.terminate();
    }, this.options.idleTimeoutMs ?? 75_000);
  }

  private disconnected(socket: WebSocket, code: number): void {
    if (socket !== this.socket) return;
    clearTimeout(this.idleTimer);
    this.socket = undefined;
    if (this.closed) return;
    if (this.lastFailure === undefined) this.options.logger.info({ feed: FEED, code }, 'event subscription closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const base = this.options.reconnectDelayMs ?? 500;
    const ceiling = Math.min(this.options.maxReconnectDelayMs ?? 30_000, base * 2 ** this.failedAttempts);
    this.failedAttempts += 1;
    // Half fixed, half random: replicas that lost Vault together do not come back in lockstep.
    const delay = Math.round(ceiling * (0.5 + (this.options.random ?? Math.random)() / 2));
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
  }

  private gap(reason: CaptureGapReason, level: 'warn' | 'info' | 'silent'): void {
    if (level !== 'silent') this.options.logger[level]({ feed: FEED, reason, counters: this.counters() }, 'vault events feed gap: changes may have been missed');
    this.options.onGap?.(reason);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
