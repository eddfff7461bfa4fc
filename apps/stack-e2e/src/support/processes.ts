import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The repository root, whether this file runs from the sources (jest) or compiled under dist/ (the benchmark). */
export const ROOT = repositoryRoot(__dirname);
const REGISTER_PATHS = join(ROOT, 'tools/runtime/register-paths.cjs');
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LIMIT = 200_000;

/** A child process of the stack, with its combined output kept for failure messages. */
export class StackProcess {
  private captured = '';
  private spawnError: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      this.captured = (this.captured + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      // A program that cannot be spawned (not installed) emits only 'error'.
      child.once('error', (error) => {
        this.spawnError ??= error;
        resolve();
      });
    });
  }

  /** The operating system's process id, while it runs. */
  get pid(): number | undefined {
    return this.running ? this.child.pid : undefined;
  }

  get output(): string {
    return this.captured;
  }

  /** The last `chars` characters of its output, for a failure message. */
  tail(chars = 4_000): string {
    return this.captured.slice(-chars);
  }

  get running(): boolean {
    return this.spawnError === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first output line matching `pattern`; fails when the process exits or time runs out. */
  async waitForLine(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.captured.split('\n').map((line) => line.match(pattern)).find((m) => m !== null);
      if (match) return match;
      if (this.spawnError) throw new Error(`${this.name} could not be started: ${this.spawnError.message}`);
      if (!this.running) throw new Error(`${this.name} exited before printing ${pattern}:\n${this.captured}`);
      await sleep(50);
    }
    throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.captured}`);
  }

  /** SIGTERM, then SIGKILL if it does not exit in time. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(killer);
  }

  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }
}

function repositoryRoot(from: string): string {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${from}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until `check` holds; resolves with the milliseconds it took. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000, pollMs = 50): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return Date.now() - started;
    await sleep(pollMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** A redis-server of its own, without persistence, on a free port. */
export async function startRedisServer(): Promise<{ process: StackProcess; url: string }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const process = new StackProcess('redis', child);
  await process.waitForLine(/Ready to accept connections/);
  return { process, url: `redis://127.0.0.1:${port}` };
}

/** One emulator from the registry, standalone (`tools/scripts/emulator.mjs` on the prebuilt dist/). */
export async function startEmulator(
  kind: string,
  flags: Record<string, string> = {},
): Promise<{ process: StackProcess; url: string; details: Record<string, string> }> {
  const args = Object.entries(flags).flatMap(([name, value]) => [`--${name}`, value]);
  const child = spawn(process.execPath, [join(ROOT, 'tools/scripts/emulator.mjs'), kind, '--port', '0', ...args], {
    cwd: ROOT,
    // eslint-disable-next-line no-restricted-syntax -- a test harness hands its own environment to the emulator
    env: { ...process.env, VAULT_SYNC_PREBUILT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const emulator = new StackProcess(`${kind} emulator`, child);
  const [, url] = await emulator.waitForLine(/^listening (\S+)$/);
  await sleep(50);
  const details = Object.fromEntries(
    emulator.output
      .split('\n')
      .map((line) => line.match(/^([\w-]+): (.+)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map(([, key, value]) => [key, value]),
  );
  return { process: emulator, url, details };
}

/** A service of `tools/scripts/services.json`, run from dist/ the way `npm start` runs it. */
export function startService(name: string, main: string, env: Record<string, string>): StackProcess {
  const child = spawn(process.execPath, ['-r', REGISTER_PATHS, join(ROOT, main)], {
    cwd: ROOT,
    // Only PATH is inherited, so nothing from the developer's shell (AWS_*, VAULT_*) leaks into a service.
    // eslint-disable-next-line no-restricted-syntax -- a test harness, not a service reading configuration
    env: { PATH: process.env.PATH ?? '', SYNC_SERVICE_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new StackProcess(name, child);
}

/** Waits until `url` answers 200. */
export async function waitForHealthy(service: StackProcess, url: string, timeoutMs = 30_000): Promise<void> {
  await eventually(
    async () => {
      if (!service.running) throw new Error(`${service.name} exited:\n${service.output}`);
      const response = await fetch(url).catch(() => undefined);
      return response?.status === 200;
    },
    `${service.name} at ${url}`,
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${service.output}`);
  });
}
