// Shared jest settings. Type errors are caught by `npm run typecheck`; isolatedModules (tsconfig) makes ts-jest only transpile.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const LAYERS = {
  unit: ['**/*.spec.ts'],
  int: ['**/*.int-spec.ts'],
  e2e: ['**/*.e2e-spec.ts'],
};

/** Builds the jest config of one project for one test layer (unit, int or e2e). */
function projectConfig(projectDir, layer) {
  const root = __dirname;
  return {
    displayName: `${path.relative(root, projectDir)}:${layer}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    testMatch: LAYERS[layer],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(root, 'tsconfig.json') }],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${root}/` }),
    testTimeout: layer === 'unit' ? 5000 : 30000,
  };
}

module.exports = { projectConfig };
