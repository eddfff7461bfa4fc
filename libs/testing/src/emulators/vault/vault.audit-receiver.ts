import { AddressInfo, createServer, Server, Socket } from 'node:net';

/** An audit entry as received: the parsed JSON of one line. */
export type ReceivedEntry = Record<string, unknown> & {
  type?: string;
  auth?: Record<string, unknown>;
  request?: Record<string, unknown>;
  response?: Record<string, unknown>;
  error?: string;
};

/**
 * The receiving end of a `socket` audit device, for tests: a TCP listener on loopback that splits each
 * connection's stream on `\n` (spec vault-change-capture §1.3) and keeps every entry and raw line.
 */
export class AuditReceiver {
  readonly lines: string[] = [];
  readonly entries: ReceivedEntry[] = [];
  /** Connections accepted so far; each reconnect of the device adds one. */
  connections = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private waiters: (() => void)[] = [];
  private reading = true;

  private constructor(public port: number) {}

  /** Listens on `127.0.0.1:port` (0: a free port). */
  static async start(port = 0): Promise<AuditReceiver> {
    const receiver = new AuditReceiver(port);
    await receiver.listen();
    return receiver;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Listens again on the same port after {@link stop}. */
  async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Closes the listener and every connection: the receiver is down. */
  async stop(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Keeps connections open but stops reading them: a receiver stuck under back-pressure (spec §1.4). */
  stopReading(): void {
    this.reading = false;
    this.sockets.forEach((socket) => socket.pause());
  }

  /** Closes every open connection but keeps listening, as a receiver restart between two entries looks. */
  dropConnections(): void {
    this.sockets.forEach((socket) => socket.destroy());
  }

  /** Resolves with the first entry (received or future) that matches, or fails after `timeoutMs`. */
  async waitFor(predicate: (entry: ReceivedEntry) => boolean, timeoutMs = 2000): Promise<ReceivedEntry> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.entries.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching audit entry within ${timeoutMs} ms; received ${this.entries.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private accept(socket: Socket): void {
    this.connections += 1;
    this.sockets.add(socket);
    let partial = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      const pieces = (partial + text).split('\n');
      partial = pieces.pop() ?? '';
      for (const line of pieces) {
        this.lines.push(line);
        this.entries.push(JSON.parse(line) as ReceivedEntry);
      }
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
    if (!this.reading) socket.pause();
  }
}
