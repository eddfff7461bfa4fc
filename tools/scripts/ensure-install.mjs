// Installs dependencies when node_modules is missing or older than package-lock.json, so that `npm start`
// and `npm test` work on a fresh clone. Importable (ensureInstall) or runnable.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STAMP = join(ROOT, 'node_modules', '.vault-sync-install-stamp');

function lockDigest() {
  return createHash('sha256').update(readFileSync(join(ROOT, 'package-lock.json'))).digest('hex');
}

export function ensureInstall() {
  const digest = lockDigest();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === digest) return;
  process.stdout.write('vault-sync: installing dependencies (npm ci)...\n');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('vault-sync: npm ci failed; check network access to the npm registry and retry\n');
    process.exit(result.status ?? 1);
  }
  writeFileSync(STAMP, digest);
}

/** Runs a command from node_modules/.bin in the repo root, exiting with its status on failure. */
export function run(command, args, env = {}) {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', command), args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureInstall();
