// `npm run emulator -- <kind> [--port N] [--host H] [--flag value ...]`: builds when needed, starts one protocol
// emulator, prints `listening <url>` (then `key: value` for any extra detail it reports), and stops it cleanly on
// Ctrl-C / SIGTERM. Usage errors are one line on stderr with exit code 2.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, ensureInstall, run } from './ensure-install.mjs';

const USAGE = 'usage: npm run emulator -- <kind> [--port N] [--host H] [--flag value ...]';
const CLOSE_TIMEOUT_MS = 5_000;

function fail(line, code = 2) {
  process.stderr.write(`emulator: ${line}\n`);
  process.exit(code);
}

/** `--name value` or `--name=value` pairs, plus at most one positional argument: the kind. */
function parseArgs(argv) {
  const positional = [];
  const named = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const value = equals === -1 ? argv[i + 1] : arg.slice(equals + 1);
    if (equals === -1) i += 1;
    if (!name) fail(`"${arg}" is not a flag; ${USAGE}`);
    if (value === undefined || (equals === -1 && value.startsWith('--'))) fail(`--${name} needs a value; ${USAGE}`);
    named[name] = value;
  }
  if (positional.length > 1) fail(`unexpected argument "${positional[1]}"; ${USAGE}`);
  const { port, host, ...flags } = named;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) {
    fail(`--port must be a whole number from 0 to 65535, not "${port}"`);
  }
  return { kind: positional[0], port: port === undefined ? undefined : Number(port), host, flags };
}

/** Extra detail a running emulator reports next to its url (a CA path, a control URL...), as `key: value`. */
function detailLines(running) {
  return Object.entries(running)
    .filter(([key, value]) => key !== 'kind' && key !== 'url' && (typeof value === 'string' || typeof value === 'number'))
    .map(([key, value]) => `${key}: ${value}`);
}

async function main() {
  const { kind, port, host, flags } = parseArgs(process.argv.slice(2));
  // Test harnesses that built dist/ once set VAULT_SYNC_PREBUILT=1 so each emulator starts in a second.
  if (process.env.VAULT_SYNC_PREBUILT !== '1') {
    ensureInstall();
    run('tsc', ['-p', 'tsconfig.build.json']);
  }

  const require = createRequire(import.meta.url);
  require('../runtime/register-paths.cjs');
  const { EMULATORS } = require(join(ROOT, 'dist/libs/testing/src/emulators/registry.js'));
  const kinds = Object.keys(EMULATORS).sort();
  if (kind === undefined || !Object.hasOwn(EMULATORS, kind)) {
    const which = kind === undefined ? 'no emulator kind given' : `unknown emulator kind "${kind}"`;
    fail(`${which}; available kinds: ${kinds.join(', ') || '(none)'}`);
  }

  let running;
  try {
    running = await EMULATORS[kind]({ port, host, flags });
  } catch (err) {
    fail(`${kind} did not start: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
  process.stdout.write([`listening ${running.url}`, ...detailLines(running)].join('\n') + '\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => fail(`${kind} did not close within ${CLOSE_TIMEOUT_MS} ms`, 1), CLOSE_TIMEOUT_MS).unref();
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err), 1));
