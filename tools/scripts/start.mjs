// `npm start`: install and build when needed, make sure Redis answers (starting a local redis-server with
// append-only persistence if none does), then run every service in the foreground until Ctrl-C / SIGTERM.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { isAbsolute, join, relative } from 'node:path';
import { ROOT, ensureInstall, run } from './ensure-install.mjs';

// The services `npm start` runs and docker-compose.yml declares (tools/scripts/compose.int-spec.ts keeps them in step).
const SERVICES = JSON.parse(readFileSync(new URL('./services.json', import.meta.url), 'utf8'));
const STOP_TIMEOUT_MS = 20_000;

function say(line) {
  process.stdout.write(`vault-sync: ${line}\n`);
}

function fail(line, code = 1) {
  process.stderr.write(`vault-sync: ${line}\n`);
  process.exit(code);
}

/** True when something speaking RESP answers a PING at host:port (any reply, even NOAUTH, counts). */
function redisAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answered) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(/^[+-]/.test(chunk.toString('utf8'))));
  });
}

async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function ensureRedis(redisUrl, dataDir) {
  const url = new URL(redisUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await redisAnswers(host, port)) return undefined;
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  if (!local || !onPath('redis-server')) {
    fail(`nothing answers at ${url.host}: start Redis there, or set REDIS_URL to a reachable Redis` +
      (local ? ' (or install redis-server so npm start can run one)' : ''));
  }
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', host === 'localhost' ? '127.0.0.1' : host, '--dir', dir,
      '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (!(await waitFor(() => redisAnswers(host, port), 10_000))) {
    server.kill('SIGKILL');
    fail(`redis-server did not come up on ${url.host}; see its messages above`);
  }
  say(`nothing answered at ${url.host}, so started redis-server there with append-only persistence in ${relative(ROOT, dir) || dir}`);
  return server;
}

/** Embedded default for a first run without Vault: one static token, kept in the data folder across restarts. */
function embeddedAuthDefaults(env, dataDir) {
  if (env.VAULT_ADDR || env.SYNC_AUTH || env.SYNC_STATIC_TOKENS) return {};
  const file = join(dataDir, 'dev-token');
  if (!existsSync(file)) writeFileSync(file, `vsync.${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  const token = readFileSync(file, 'utf8').trim();
  say(`no VAULT_ADDR: API auth uses the static token in ${relative(ROOT, file) || file}: ${token}`);
  return { SYNC_AUTH: 'static', SYNC_STATIC_TOKENS: token };
}

function stopAll(children, redis) {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const child of alive) child.kill('SIGTERM');
  const killer = setTimeout(() => alive.forEach((c) => c.kill('SIGKILL')), STOP_TIMEOUT_MS);
  return Promise.all(alive.map((c) => new Promise((r) => c.once('exit', r)))).then(async () => {
    clearTimeout(killer);
    if (redis && redis.exitCode === null) {
      redis.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
      await new Promise((r) => redis.once('exit', r));
    }
  });
}

async function main() {
  ensureInstall();
  run('tsc', ['-p', 'tsconfig.build.json']);

  const require = createRequire(import.meta.url);
  const { loadConfig, ConfigError } = require(join(ROOT, 'dist/libs/config/src/index.js'));
  const dataDirSetting = process.env.SYNC_DATA_DIR || 'data';
  const dataDir = isAbsolute(dataDirSetting) ? dataDirSetting : join(ROOT, dataDirSetting);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const env = { ...process.env, SYNC_DATA_DIR: dataDir };
  Object.assign(env, embeddedAuthDefaults(env, dataDir));
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }

  const redis = await ensureRedis(config.redis.url, dataDir);
  const children = SERVICES.map((service) =>
    spawn(process.execPath, ['-r', join(ROOT, 'tools/runtime/register-paths.cjs'), join(ROOT, service.main)], {
      cwd: ROOT,
      env: { ...env, SYNC_SERVICE_NAME: service.name },
      stdio: 'inherit',
    }),
  );
  say(`running ${SERVICES.map((s) => s.name).join(', ')}; HTTP API on http://127.0.0.1:${config.http.port}/v1/sys/sync (Ctrl-C stops)`);

  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    await stopAll(children, redis);
    process.exit(code);
  };
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  children.forEach((child, i) =>
    child.once('exit', (code, signal) => {
      if (stopping) return;
      process.stderr.write(`vault-sync: ${SERVICES[i].name} exited (${signal ?? code}); stopping the others\n`);
      shutdown(code || 1);
    }),
  );
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
