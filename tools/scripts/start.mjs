// `npm start`: install and build when needed, make sure Redis answers (starting a local redis-server with
// append-only persistence if none does), then run every service in the foreground until Ctrl-C / SIGTERM.
// Without VAULT_ADDR it runs in dev mode, like `vault server -dev`: a Vault emulator in this process (in
// memory), its root token kept in the data folder, audit devices feeding the ingest service, and the API
// authenticating against it.
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

const DEV_VAULT_PORT = 8200;
const DEV_AUDIT_DEVICE = 'vault-sync';

/** The root token of the dev Vault: generated once, kept in the data folder across restarts (0600). */
function devRootToken(dataDir) {
  const file = join(dataDir, 'dev-vault-token');
  if (!existsSync(file)) writeFileSync(file, `hvs.${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  return { token: readFileSync(file, 'utf8').trim(), file };
}

/** Starts the Vault emulator (built into dist/) on 8200, or on a free port when 8200 is taken. */
async function startDevVault(rootToken) {
  const require = createRequire(import.meta.url);
  require(join(ROOT, 'tools/runtime/register-paths.cjs'));
  const { startVaultEmulator } = require(join(ROOT, 'dist/libs/testing/src/emulators/vault/index.js'));
  try {
    return await startVaultEmulator({ host: '127.0.0.1', port: DEV_VAULT_PORT, rootToken });
  } catch (err) {
    if (err?.code !== 'EADDRINUSE') throw err;
    return startVaultEmulator({ host: '127.0.0.1', port: 0, rootToken });
  }
}

async function vaultCall(vault, method, path, body) {
  const response = await fetch(`${vault.url}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': vault.rootToken, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
}

/**
 * The spec's deployment order (vault-change-capture §1.5): a file device first, so Vault keeps serving while the
 * ingest is down; the socket device only once the ingest listens, because enabling writes a test entry to it.
 */
async function enableSocketAudit(vault, socket) {
  const host = ['0.0.0.0', '::', ''].includes(socket.host) ? '127.0.0.1' : socket.host;
  await vaultCall(vault, 'PUT', `sys/audit/${DEV_AUDIT_DEVICE}`, {
    type: 'socket',
    options: { address: `${host}:${socket.port}`, socket_type: 'tcp', write_timeout: '1s', elide_list_responses: 'true' },
  });
}

async function httpAnswers(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function printDevBanner(vault, tokenFile, httpPort) {
  const api = `http://127.0.0.1:${httpPort}`;
  say('dev mode (no VAULT_ADDR): a Vault emulator runs in this process; its data is in memory and goes when npm start stops');
  say(`  export VAULT_ADDR=${vault.url}`);
  say(`  export VAULT_TOKEN=${vault.rootToken}   # root token, kept in ${relative(ROOT, tokenFile) || tokenFile}`);
  say('try (a KV v2 mount "secret" exists):');
  say(`  curl -H "X-Vault-Token: $VAULT_TOKEN" -X POST ${api}/v1/sys/sync/destinations/gh/my-repo -d '{"access_token":"<github token>","repository_owner":"<owner>","repository_name":"<repo>"}'`);
  say(`  curl -H "X-Vault-Token: $VAULT_TOKEN" -X POST ${api}/v1/sys/sync/destinations/gh/my-repo/associations/set -d '{"mount":"secret","secret_name":"app/db"}'`);
}

function stopAll(children, redis, vault) {
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  // Retire the socket device before its receiver goes (vault-change-capture §1.5 step 6).
  const retired = vault ? vaultCall(vault, 'DELETE', `sys/audit/${DEV_AUDIT_DEVICE}`).catch(() => undefined) : Promise.resolve();
  return retired.then(() => {
    for (const child of alive) child.kill('SIGTERM');
    const killer = setTimeout(() => alive.forEach((c) => c.kill('SIGKILL')), STOP_TIMEOUT_MS);
    return Promise.all(alive.map((c) => new Promise((r) => c.once('exit', r)))).then(async () => {
      clearTimeout(killer);
      await vault?.close();
      if (redis && redis.exitCode === null) {
        redis.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
        await new Promise((r) => redis.once('exit', r));
      }
    });
  });
}

/** Parses the configuration or exits with one line naming every bad variable. */
function configOrExit(loadConfig, ConfigError, env) {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
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
  const devMode = !env.VAULT_ADDR;
  const root = devMode ? devRootToken(dataDir) : undefined;
  if (devMode) {
    // The dev Vault's address is known only once it runs: check everything else first.
    Object.assign(env, { VAULT_TOKEN: root.token, SYNC_AUDIT_FILE: env.SYNC_AUDIT_FILE || join(dataDir, 'vault-audit.log') });
    configOrExit(loadConfig, ConfigError, { ...env, VAULT_ADDR: `http://127.0.0.1:${DEV_VAULT_PORT}` });
  }
  const vault = devMode ? await startDevVault(root.token) : undefined;
  if (vault) {
    env.VAULT_ADDR = vault.url;
    await vaultCall(vault, 'PUT', 'sys/audit/file', { type: 'file', options: { file_path: env.SYNC_AUDIT_FILE } });
  }
  const config = configOrExit(loadConfig, ConfigError, env);

  const redis = await ensureRedis(config.redis.url, dataDir);
  const children = SERVICES.map((service) =>
    spawn(process.execPath, ['-r', join(ROOT, 'tools/runtime/register-paths.cjs'), join(ROOT, service.main)], {
      cwd: ROOT,
      env: { ...env, SYNC_SERVICE_NAME: service.name },
      stdio: 'inherit',
    }),
  );
  if (vault) {
    if (!(await waitFor(() => httpAnswers(`http://127.0.0.1:${config.ingest.httpPort}/v1/sys/health`), 60_000))) {
      await stopAll(children, redis, vault);
      fail('the ingest service did not come up; see its messages above');
    }
    await enableSocketAudit(vault, config.ingest.auditSocket);
    printDevBanner(vault, root.file, config.http.port);
  }
  say(`running ${SERVICES.map((s) => s.name).join(', ')}; HTTP API on http://127.0.0.1:${config.http.port}/v1/sys/sync (Ctrl-C stops)`);

  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    await stopAll(children, redis, vault);
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
