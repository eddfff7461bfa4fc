// `npm run bench -- [--workers N] [...]`: installs and builds when needed, then runs the compiled benchmark
// (apps/stack-e2e/src/bench/sync-bench.ts), which starts the whole stack and prints its speed and memory figures.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, ensureInstall, run } from './ensure-install.mjs';

ensureInstall();
run('tsc', ['-p', 'tsconfig.build.json']);
const bench = spawnSync(
  process.execPath,
  ['-r', join(ROOT, 'tools/runtime/register-paths.cjs'), join(ROOT, 'dist/apps/stack-e2e/src/bench/sync-bench.js'), ...process.argv.slice(2)],
  // The benchmark reads AWS with the SDK; its Node 20 end-of-support notice would only clutter the figures.
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
);
process.exit(bench.status ?? 1);
