import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [join(ROOT, 'tools/scripts/start.mjs')], { cwd: ROOT, env: env as NodeJS.ProcessEnv });
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm start', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vsync-start-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const baseEnv = (): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '/root',
    SYNC_DATA_DIR: dataDir,
    SYNC_KEY_PREFIX: `test-start-${process.pid}`,
    LOG_LEVEL: 'warn',
  });

  it('exits with one readable line when Redis does not answer and redis-server is not on PATH', async () => {
    const bin = join(dataDir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const port = await freePort();
    const run = start({ ...baseEnv(), PATH: bin, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(await run.exited).toBe(1);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^vault-sync: nothing answers at 127\\.0\\.0\\.1:${port}: start Redis there, or set REDIS_URL`));
    expect(run.stderr()).not.toMatch(/\bat .*\.m?js:\d+/); // no stack trace
  });

  it('exits with one line naming every bad variable', async () => {
    const run = start({ ...baseEnv(), SYNC_HTTP_PORT: 'eighty', SYNC_AUTH: 'ldap' });
    expect(await run.exited).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SYNC_HTTP_PORT');
    expect(lines[0]).toContain('SYNC_AUTH');
  });

  it('starts redis-server with append-only persistence when none answers, serves health, and stops cleanly on SIGTERM', async () => {
    const [redisPort, httpPort] = [await freePort(), await freePort()];
    const run = start({ ...baseEnv(), REDIS_URL: `redis://127.0.0.1:${redisPort}`, SYNC_HTTP_PORT: String(httpPort), SYNC_GRPC_PORT: String(await freePort()) });
    try {
      const health = await until(async () => {
        const response = await fetch(`http://127.0.0.1:${httpPort}/v1/sys/health`);
        return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
      }, 90_000);
      expect(health).toMatchObject({ initialized: true, sealed: false, redis: 'ok' });
      expect(run.stdout()).toContain(`started redis-server there with append-only persistence`);
      expect(run.stdout()).toMatch(/static token in .*dev-token/);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
    await expect(fetch(`http://127.0.0.1:${httpPort}/v1/sys/health`)).rejects.toThrow();
  });
});
