import { Socket } from 'node:net';

const keyOf = (socket: Socket) => `${socket.remoteAddress}:${socket.remotePort}`;

/**
 * The client connections the gRPC server was handed, by peer address (`ip:port`, as grpc-js's
 * `call.getPeer()` names it), so one call's connection can be cut off on purpose.
 */
export class ConnectionTracker {
  private readonly sockets = new Map<string, Socket>();

  add(socket: Socket): void {
    const key = keyOf(socket);
    this.sockets.set(key, socket);
    socket.once('close', () => this.sockets.delete(key));
  }

  /** Drops the TCP connection, and with it the HTTP/2 session and every call on it. */
  reset(peer: string): void {
    this.sockets.get(peer)?.destroy();
  }

  destroyAll(): void {
    for (const socket of this.sockets.values()) socket.destroy();
  }
}
