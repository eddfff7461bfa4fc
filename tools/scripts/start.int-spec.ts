import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
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

  it('in dev mode starts redis-server and a Vault emulator wired to the ingest, serves health, and stops cleanly on SIGTERM', async () => {
    const [redisPort, httpPort, ingestPort, auditPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const run = start({
      ...baseEnv(),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      SYNC_HTTP_PORT: String(httpPort),
      SYNC_GRPC_PORT: String(await freePort()),
      SYNC_INGEST_HTTP_PORT: String(ingestPort),
      SYNC_AUDIT_SOCKET: `127.0.0.1:${auditPort}`,
    });
    try {
      const health = await until(async () => {
        const response = await fetch(`http://127.0.0.1:${httpPort}/v1/sys/health`);
        return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : undefined;
      }, 90_000);
      expect(health).toMatchObject({ initialized: true, sealed: false, redis: 'ok' });
      expect(run.stdout()).toContain(`started redis-server there with append-only persistence`);

      // Like `vault server -dev`: the address and a root token (kept in the data folder), and an example.
      const banner = await until(async () => /export VAULT_TOKEN=(hvs\.\S+)/.exec(run.stdout()) ?? undefined, 30_000);
      const vaultAddr = /export VAULT_ADDR=(\S+)/.exec(run.stdout())?.[1] as string;
      const token = banner[1] as string;
      expect(readFileSync(join(dataDir, 'dev-vault-token'), 'utf8').trim()).toBe(token);
      expect(run.stdout()).toContain('/associations/set');
      const vault = (path: string, init: RequestInit = {}) => fetch(`${vaultAddr}/v1/${path}`, { ...init, headers: { 'X-Vault-Token': token } });

      // The socket device points at the ingest's listener (after the file device, which keeps Vault up without it).
      const audit = (await (await vault('sys/audit')).json()) as Record<string, { type: string; options: Record<string, string> }>;
      expect(audit['vault-sync/']).toMatchObject({ type: 'socket', options: { address: `127.0.0.1:${auditPort}` } });
      expect(audit['file/']).toMatchObject({ type: 'file' });

      // A KV write reaches the ingest service through the audit socket.
      expect((await vault('secret/data/app/db', { method: 'POST', body: JSON.stringify({ data: { a: 'b' } }) })).status).toBe(200);
      const ingest = await until(async () => {
        const body = (await (await fetch(`http://127.0.0.1:${ingestPort}/v1/sys/health`)).json()) as { feeds: Record<string, Record<string, number>> };
        return (body.feeds['audit-socket']?.['changes'] ?? 0) >= 1 ? body : undefined;
      }, 10_000);
      expect(Object.keys(ingest.feeds)).toEqual(['audit-socket', 'audit-file', 'poller']);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(existsSync(join(dataDir, 'redis', 'appendonlydir'))).toBe(true);
    await expect(fetch(`http://127.0.0.1:${httpPort}/v1/sys/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ingestPort}/v1/sys/health`)).rejects.toThrow();
  });
});
