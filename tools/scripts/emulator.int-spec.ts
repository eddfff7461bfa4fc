import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function emulatorCli(args: string[]): Run {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [join(ROOT, 'tools/scripts/emulator.mjs'), ...args], { cwd: ROOT });
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the stdout lines once `listening <url>` has been printed; rejects if the process ends first. */
async function listeningLines(run: Run, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (!/^listening \S+\n/.test(run.stdout())) {
    if (ended) throw new Error(`exited before listening: ${run.stderr()}`);
    if (Date.now() > deadline) throw new Error('timed out waiting for "listening"');
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 100)); // the detail lines are written in the same chunk; allow a slow pipe
  return run.stdout().trim().split('\n');
}

function expectOneLineError(run: Run, pattern: RegExp): void {
  const lines = run.stderr().trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr()).not.toMatch(/\bat .*\.m?js:\d+/); // no stack trace
  expect(run.stdout()).not.toContain('listening');
}

describe('npm run emulator', () => {
  it('starts vercel-project on a free port, serves real requests, and exits 0 on SIGTERM', async () => {
    const run = emulatorCli(['vercel-project', '--port', '0']);
    let url = '';
    try {
      const lines = await listeningLines(run, 100_000);
      url = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0])?.[1] ?? '';
      expect(url).not.toBe('');
      expect(lines.slice(1)).toEqual([`controlUrl: ${url}/__emulator`]);

      await fetch(`${url}/__emulator/seed`, { method: 'POST', body: JSON.stringify({ tokens: [{ token: 'tok' }], projects: [{ id: 'prj_web', name: 'web' }] }) });
      const headers = { authorization: 'Bearer tok', 'content-type': 'application/json' };
      const created = await fetch(`${url}/v10/projects/web/env`, { method: 'POST', headers, body: JSON.stringify({ key: 'A', value: '1', type: 'plain', target: ['production'] }) });
      expect(created.status).toBe(201);
      const listed = (await (await fetch(`${url}/v10/projects/web/env`, { headers })).json()) as { envs: { key: string; value: string }[] };
      expect(listed.envs).toEqual([expect.objectContaining({ key: 'A', value: '1' })]);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toBe('');
    await expect(fetch(`${url}/v10/projects/web/env`)).rejects.toThrow();
  });

  it.each([
    ['an unknown kind', ['no-such-cloud'], /^emulator: unknown emulator kind "no-such-cloud"; available kinds: .*\bvercel-project\b/],
    ['a missing kind', ['--port', '0'], /^emulator: no emulator kind given; available kinds: .*\bvercel-project\b/],
  ])('exits 2 with one line listing the kinds for %s', async (_name, args, pattern) => {
    const run = emulatorCli(args);
    expect(await run.exited).toBe(2);
    expectOneLineError(run, pattern);
  });

  it.each([['eighty'], ['65536'], ['-1'], ['']])('exits 2 with one line for --port %p', async (port) => {
    const run = emulatorCli(['vercel-project', '--port', port]);
    expect(await run.exited).toBe(2);
    expectOneLineError(run, /^emulator: --port /);
  });
});
