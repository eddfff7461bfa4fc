// Builds the services into dist/ once per e2e run, so each spawned process starts from the compiled code.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function buildOnce() {
  const root = path.join(__dirname, '../../../..');
  execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
};
