// Resolves the workspace's `@vault-sync/*` imports to the compiled libraries under dist/ at run time,
// using the same path map the TypeScript compiler uses (tsconfig.base.json).
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.base.json');

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, targets]) => [alias, targets.map((t) => t.replace(/\.ts$/, ''))]),
);
tsconfigPaths.register({ baseUrl: path.resolve(__dirname, '../../dist'), paths });
