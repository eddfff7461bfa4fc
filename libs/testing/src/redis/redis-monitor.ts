import { Socket, connect } from 'node:net';

export interface MonitoredCommand {
  /** Command name and arguments, unescaped. */
  args: string[];
  /** `ip:port` of the client that sent it, or `lua` for commands a script ran. */
  source: string;
}

export interface RedisMonitor {
  readonly commands: MonitoredCommand[];
  close(): void;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', '"': '"', '\\': '\\' };

/** Splits the quoted argument list of a MONITOR line (Redis quotes each with `sdscatrepr` escapes). */
export function parseMonitorArgs(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i += 1;
      continue;
    }
    let arg = '';
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\' && text[i + 1] === 'x') {
        arg += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
      } else if (text[i] === '\\') {
        arg += ESCAPES[text[i + 1]] ?? text[i + 1];
        i += 2;
      } else {
        arg += text[i];
        i += 1;
      }
    }
    args.push(arg);
    i += 1;
  }
  return args;
}

/**
 * Redis MONITOR over a plain socket. ioredis's `monitor()` can lose its command queue state when other clients
 * are busy on the same server (the first monitored line races the MONITOR reply), which a shared test Redis is.
 */
export async function monitorRedis(url: string): Promise<RedisMonitor> {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect({ host: hostname, port: Number(port || 6379) });
  const commands: MonitoredCommand[] = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => socket.write('MONITOR\r\n'));
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n')) !== -1) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (line === '+OK') resolve();
        const match = line.match(/^\+[\d.]+ \[\d+ ([^\]]+)\] (.*)$/);
        if (match) commands.push({ source: match[1], args: parseMonitorArgs(match[2]) });
      }
    });
  });
  return { commands, close: () => socket.destroy() };
}
