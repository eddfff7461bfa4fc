import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { RequestStreamRewriter, rewriteListVerb } from '@vault-sync/http-framing';

/**
 * A client connection as the HTTP server sees it: bytes from the client pass through a request rewriter that turns
 * `LIST` into `GET ?list=true`, replies go out unchanged. Node documents that any Duplex may be handed to an HTTP server as a connection; the
 * socket methods and fields the server and Fastify use are forwarded to the real socket.
 */
class ListVerbConnection extends Duplex {
  private readonly rewriter = new RequestStreamRewriter(rewriteListVerb);

  constructor(private readonly socket: Socket) {
    super({ allowHalfOpen: true });
    socket.on('data', (chunk: Buffer) => {
      for (const part of this.rewriter.push(chunk)) {
        if (!this.push(part)) socket.pause();
      }
    });
    socket.on('end', () => this.push(null));
    socket.on('timeout', () => this.emit('timeout'));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => this.destroy());
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.socket.remotePort;
  }

  get remoteFamily(): string | undefined {
    return this.socket.remoteFamily;
  }

  get localAddress(): string | undefined {
    return this.socket.localAddress;
  }

  get localPort(): number | undefined {
    return this.socket.localPort;
  }

  setTimeout(ms: number, callback?: () => void): this {
    this.socket.setTimeout(ms);
    if (callback !== undefined) this.once('timeout', callback);
    return this;
  }

  setNoDelay(noDelay?: boolean): this {
    this.socket.setNoDelay(noDelay);
    return this;
  }

  setKeepAlive(enable?: boolean, initialDelay?: number): this {
    this.socket.setKeepAlive(enable, initialDelay);
    return this;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy(error ?? undefined);
    callback(error);
  }
}

/**
 * Makes `server` accept Vault's `LIST` verb: every accepted socket is wrapped before the server's own connection
 * handler sees it. Requests arrive as `GET ...?list=true`. Returns `server`, for Fastify's `serverFactory`.
 */
export function acceptListVerb<S extends Server>(server: S): S {
  const handlers = server.listeners('connection') as ((socket: Duplex) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const connection = new ListVerbConnection(socket);
    for (const handler of handlers) handler.call(server, connection);
  });
  return server;
}
