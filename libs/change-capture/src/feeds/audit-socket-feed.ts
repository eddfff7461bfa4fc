import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { CaptureCounters, newCaptureCounters } from '../stream/capture-counters';
import { ChangeIntake } from './change-intake';
import { FeedOptions } from './feed-options';

export interface AuditSocketFeedOptions extends FeedOptions {
  host: string;
  /** 0 picks a free port (see {@link AuditSocketFeed.address}). */
  port: number;
}

export interface SocketFeedCounters extends CaptureCounters {
  /** Connections accepted so far; every Vault node and every reconnect adds one. */
  connections: number;
}

/**
 * The receiving end of Vault's `socket` audit device over TCP (spec vault-change-capture §1.2, §1.5 receiver
 * rules): many concurrent connections, each drained as fast as it delivers and never paused, so Vault's writes
 * never wait on us. A reconnect is just a new connection, reported as a gap (a silently lost entry may precede it).
 */
export class AuditSocketFeed {
  private readonly intake: ChangeIntake;
  private readonly connectionCounters = { connections: 0 };
  private readonly sockets = new Set<Socket>();
  /** Where it listens; kept because `server.address()` is null once closed. */
  readonly address: { host: string; port: number };

  private constructor(
    private readonly server: Server,
    private readonly options: AuditSocketFeedOptions,
  ) {
    const { address, port } = server.address() as AddressInfo;
    this.address = { host: address, port };
    this.intake = new ChangeIntake('audit-socket', options, newCaptureCounters());
    server.on('connection', (socket) => this.accept(socket));
    server.on('error', (error) => options.logger.warn({ feed: 'audit-socket', error: error.message }, 'audit socket server error'));
  }

  static async start(options: AuditSocketFeedOptions): Promise<AuditSocketFeed> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const feed = new AuditSocketFeed(server, options);
    options.logger.info({ feed: 'audit-socket', address: feed.address }, 'audit socket feed listening');
    return feed;
  }

  counters(): SocketFeedCounters {
    return { ...this.intake.counters, ...this.connectionCounters };
  }

  /** Stops listening, drops open connections (Vault redials on its next entry) and waits for queued changes. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    await this.intake.idle();
  }

  private accept(socket: Socket): void {
    this.connectionCounters.connections += 1;
    this.sockets.add(socket);
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    const extractor = this.intake.extractor(peer);
    this.intake.gap('connection-opened', { peer, open: this.sockets.size }, 'info');
    socket.on('data', (chunk: Buffer) => this.intake.accept(extractor, chunk));
    socket.on('error', (error) => this.options.logger.warn({ feed: 'audit-socket', peer, error: error.message }, 'audit connection error'));
    socket.on('close', () => {
      this.sockets.delete(socket);
      extractor.end();
      this.options.logger.info({ feed: 'audit-socket', peer, open: this.sockets.size }, 'audit connection closed');
    });
  }
}
