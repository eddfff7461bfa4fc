import { FileHandle, open } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { Writable } from 'node:stream';

/** Where a device's entries go. Each sink writes one entry at a time, in order (spec §1.2 "serialised writes"). */
export interface AuditSink {
  write(line: string): Promise<void>;
  /** What `SIGHUP` does: drop the connection or file handle so the next entry opens a fresh one. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Runs tasks one after another; a failed task does not stop the ones queued behind it. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Writes with Go's write-deadline semantics: fails with `i/o timeout` unless the data reached the kernel in
 * time. A zero or negative timeout fails at once, as a deadline of "now" does (spec §1.1, `write_timeout`).
 */
export function writeWithDeadline(stream: Writable, chunk: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed || stream.writableEnded) return reject(new Error('use of closed network connection'));
    if (timeoutMs <= 0) return reject(new Error('i/o timeout'));
    const timer = setTimeout(() => reject(new Error('i/o timeout')), timeoutMs);
    timer.unref();
    stream.write(chunk, (err) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    });
  });
}

export type SocketType = 'tcp' | 'tcp4' | 'tcp6' | 'unix';
export const SOCKET_TYPES: readonly SocketType[] = ['tcp', 'tcp4', 'tcp6', 'unix'];

function hostAndPort(address: string): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address);
  if (!match) throw new Error(`address ${address}: missing port in address`);
  return { host: match[1] || '127.0.0.1', port: Number(match[2]) };
}

/**
 * The `socket` device's connection (spec §1.2): dialled lazily with `write_timeout` as the dial timeout; on a
 * write error it closes, dials again and retries that one entry once; there is no buffering or replay.
 */
export class SocketSink implements AuditSink {
  private socket: Socket | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly address: string,
    private readonly socketType: SocketType,
    private readonly writeTimeoutMs: number,
  ) {}

  write(line: string): Promise<void> {
    return this.queue.run(async () => {
      const first = this.socket ?? (await this.dial());
      try {
        await writeWithDeadline(first, line, this.writeTimeoutMs);
      } catch {
        this.drop();
        const second = await this.dial();
        await writeWithDeadline(second, line, this.writeTimeoutMs).catch((err: unknown) => {
          this.drop();
          throw err;
        });
      }
    });
  }

  async reload(): Promise<void> {
    await this.queue.run(async () => this.drop());
  }

  async close(): Promise<void> {
    this.drop();
  }

  private drop(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private dial(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const target = this.socketType === 'unix' ? { path: this.address } : { ...hostAndPort(this.address), family: this.socketType === 'tcp4' ? 4 : this.socketType === 'tcp6' ? 6 : 0 };
      const socket = connect(target);
      let timer: NodeJS.Timeout | undefined;
      const fail = (err: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(err);
      };
      if (this.writeTimeoutMs > 0) timer = setTimeout(() => fail(new Error('i/o timeout')), this.writeTimeoutMs).unref();
      socket.once('error', fail);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        // Errors surface through writes; the receiver's own traffic is ignored.
        socket.on('error', () => socket.destroy());
        socket.on('close', () => {
          if (this.socket === socket) this.socket = undefined;
        });
        socket.resume();
        this.socket = socket;
        resolve(socket);
      });
    });
  }
}

/**
 * The `file` device (spec §1.6): appends to the file, creating it with `mode`; on a failed write it reopens the
 * file once and retries. `reload` (the SIGHUP of log rotation) makes the next entry reopen the path.
 */
export class FileSink implements AuditSink {
  private handle: FileHandle | undefined;
  private readonly queue = new SerialQueue();

  constructor(
    private readonly path: string,
    private readonly mode: number,
  ) {}

  write(line: string): Promise<void> {
    return this.queue.run(async () => {
      try {
        await (await this.opened()).appendFile(line);
      } catch {
        await this.closeHandle();
        await (await this.opened()).appendFile(line);
      }
    });
  }

  reload(): Promise<void> {
    return this.queue.run(() => this.closeHandle());
  }

  close(): Promise<void> {
    return this.queue.run(() => this.closeHandle());
  }

  private async opened(): Promise<FileHandle> {
    this.handle ??= await open(this.path, 'a', this.mode);
    return this.handle;
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
