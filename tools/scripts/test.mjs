// `npm test`: everything CI runs. Installs when needed, then typecheck, lint, unit, integration and e2e tests.
import { ensureInstall, run } from './ensure-install.mjs';

ensureInstall();
const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
run('tsc', ['-p', 'tsconfig.json']);
run('nx', ['run-many', '-t', 'lint', 'test', '--outputStyle=stream'], nxEnv);
run('nx', ['run-many', '-t', 'test-int', 'e2e', '--parallel=2', '--outputStyle=stream'], nxEnv);
run('jest', ['--config', 'tools/jest.config.js'], {});
process.stdout.write('vault-sync: all checks passed\n');
