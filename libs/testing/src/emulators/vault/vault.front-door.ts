import { AddressInfo, connect, createServer, Socket } from 'node:net';

/**
 * Vault clients send the custom `LIST` verb (node-vault's `list`, curl, the UI), which Node's HTTP parser
 * refuses. A small TCP front door therefore sits before the emulator's HTTP server: it follows HTTP/1.1
 * message framing on each connection, rewrites `LIST <target>` into `GET <target>?list=true` (the equivalent
 * Vault documents, vault-sync-api §2) and tells the server who the client is, for audit `remote_address`.
 */

/** Headers the front door adds to every request; values sent by clients under these names are dropped. */
export const FRONT_DOOR_HEADERS = {
  remoteAddress: 'x-vault-emulator-remote-address',
  remotePort: 'x-vault-emulator-remote-port',
  requestUri: 'x-vault-emulator-request-uri',
} as const;

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const INJECTED = new Set<string>(Object.values(FRONT_DOOR_HEADERS));

type Framing =
  | { kind: 'head' }
  | { kind: 'body'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'trailers' }
  /** After an upgrade (websocket) the bytes are no longer HTTP messages. */
  | { kind: 'tunnel' };

export interface ClientAddress {
  address: string;
  port: number;
}

/** Rewrites one connection's request stream; `push` returns what to forward so far. Pure: no sockets. */
export class RequestRewriter {
  private pending: Buffer = Buffer.alloc(0);
  private framing: Framing = { kind: 'head' };

  constructor(private readonly client: ClientAddress) {}

  /** True once the connection carried an upgrade request: what follows is the upgraded protocol. */
  get tunnelling(): boolean {
    return this.framing.kind === 'tunnel';
  }

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    for (;;) {
      const produced = this.step();
      if (!produced) return out;
      if (produced.length) out.push(produced);
    }
  }

  /** Consumes what the current framing state can; undefined when it needs more bytes. */
  private step(): Buffer | undefined {
    const framing = this.framing;
    if (this.pending.length === 0) return undefined;
    switch (framing.kind) {
      case 'tunnel':
        return this.take(this.pending.length);
      case 'body':
      case 'chunk-data': {
        const taken = this.take(Math.min(framing.remaining, this.pending.length));
        framing.remaining -= taken.length;
        if (framing.remaining === 0) this.framing = framing.kind === 'body' ? { kind: 'head' } : { kind: 'chunk-size' };
        return taken;
      }
      case 'chunk-size':
      case 'trailers': {
        const end = this.pending.indexOf(CRLF);
        if (end < 0) return undefined;
        const line = this.take(end + CRLF.length);
        if (framing.kind === 'trailers') {
          if (end === 0) this.framing = { kind: 'head' };
          return line;
        }
        const size = Number.parseInt(line.toString('latin1').split(';')[0].trim(), 16);
        this.framing = size > 0 ? { kind: 'chunk-data', remaining: size + CRLF.length } : { kind: 'trailers' };
        return line;
      }
      case 'head': {
        const end = this.pending.indexOf(HEAD_END);
        if (end < 0) return undefined;
        return this.rewriteHead(this.take(end + HEAD_END.length).toString('latin1'));
      }
    }
  }

  private take(length: number): Buffer {
    const taken = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return taken;
  }

  private rewriteHead(head: string): Buffer {
    const [requestLine, ...rest] = head.slice(0, -4).split('\r\n');
    const headers = rest.filter((line) => !INJECTED.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()));
    const [method, target = '/', version = 'HTTP/1.1'] = requestLine.split(' ');
    const isList = method.toUpperCase() === 'LIST';
    const forwardedTarget = isList ? `${target}${target.includes('?') ? '&' : '?'}list=true` : target;
    this.framing = this.bodyFraming(method, headers);
    const injected = [
      `${FRONT_DOOR_HEADERS.remoteAddress}: ${this.client.address}`,
      `${FRONT_DOOR_HEADERS.remotePort}: ${this.client.port}`,
      `${FRONT_DOOR_HEADERS.requestUri}: ${target}`,
    ];
    const lines = [`${isList ? 'GET' : method} ${forwardedTarget} ${version}`, ...injected, ...headers];
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  }

  private bodyFraming(method: string, headers: string[]): Framing {
    const value = (name: string) =>
      headers
        .filter((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase() === name)
        .map((line) => line.slice(line.indexOf(':') + 1).trim().toLowerCase())
        .join(',');
    if (value('upgrade') || method.toUpperCase() === 'CONNECT') return { kind: 'tunnel' };
    if (value('transfer-encoding').includes('chunked')) return { kind: 'chunk-size' };
    const length = Number.parseInt(value('content-length') || '0', 10);
    return length > 0 ? { kind: 'body', remaining: length } : { kind: 'head' };
  }
}

export interface FrontDoor {
  port: number;
  close(): Promise<void>;
}

/**
 * Listens on `host:port` and relays every connection to the HTTP server on `127.0.0.1:upstreamPort`, or, when the
 * connection opens with an upgrade request (a websocket), to `upgradePort` if given. The upstream is chosen once
 * the first request head has been read.
 */
export async function openFrontDoor(upstreamPort: number, host: string, port: number, upgradePort?: number): Promise<FrontDoor> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    // A relay must not add Nagle's delay to every small request and answer.
    client.setNoDelay(true);
    const rewriter = new RequestRewriter({ address: client.remoteAddress ?? '', port: client.remotePort ?? 0 });
    let upstream: Socket | undefined;
    const openUpstream = (): Socket => {
      const opened = connect({ host: '127.0.0.1', port: rewriter.tunnelling && upgradePort !== undefined ? upgradePort : upstreamPort });
      track(opened);
      opened.setNoDelay(true);
      opened.on('drain', () => client.resume());
      opened.pipe(client);
      opened.on('error', () => client.destroy());
      // Ending (not destroying) lets the answer already piped to the client drain first.
      opened.on('close', () => client.end());
      return opened;
    };
    client.on('data', (chunk: Buffer) => {
      for (const piece of rewriter.push(chunk)) {
        upstream ??= openUpstream();
        if (!upstream.write(piece)) client.pause();
      }
    });
    client.on('end', () => (upstream ? upstream.end() : client.end()));
    client.on('error', () => upstream?.destroy());
    client.on('close', () => upstream?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
