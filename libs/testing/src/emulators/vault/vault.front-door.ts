import { AddressInfo, connect, createServer, Socket } from 'node:net';
import { RequestStreamRewriter, rewriteListVerb } from '@vault-sync/http-framing';

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

const INJECTED = new Set<string>(Object.values(FRONT_DOOR_HEADERS));

export interface ClientAddress {
  address: string;
  port: number;
}

/** One connection's request rewriting: LIST becomes GET ?list=true, and the client's address travels as headers. */
export function frontDoorRewriter(client: ClientAddress): RequestStreamRewriter {
  return new RequestStreamRewriter((head) => {
    const [requestLine, ...rest] = head.toString('latin1').slice(0, -4).split('\r\n');
    const target = requestLine.split(' ')[1] ?? '/';
    const headers = rest.filter((line) => !INJECTED.has(line.slice(0, line.indexOf(':')).trim().toLowerCase()));
    const injected = [
      `${FRONT_DOOR_HEADERS.remoteAddress}: ${client.address}`,
      `${FRONT_DOOR_HEADERS.remotePort}: ${client.port}`,
      `${FRONT_DOOR_HEADERS.requestUri}: ${target}`,
    ];
    return rewriteListVerb(Buffer.from(`${[requestLine, ...injected, ...headers].join('\r\n')}\r\n\r\n`, 'latin1'));
  });
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
    const rewriter = frontDoorRewriter({ address: client.remoteAddress ?? '', port: client.remotePort ?? 0 });
    let upstream: Socket | undefined;
    const openUpstream = (): Socket => {
      const opened = connect({ host: '127.0.0.1', port: rewriter.upgraded && upgradePort !== undefined ? upgradePort : upstreamPort });
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
