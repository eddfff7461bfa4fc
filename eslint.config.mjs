import nx from '@nx/eslint-plugin';

const SDKS = [
  '@aws-sdk/*', '@smithy/*', '@azure/*', '@google-cloud/*', 'google-gax', '@octokit/*', 'libsodium-wrappers',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'data/**', 'tmp/**', '**/jest.*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['ioredis', 'bullmq', '@nestjs/*', 'pino', 'node:net', 'node:http', 'node:fs', 'fs', 'net', 'http', ...SDKS],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
              bannedExternalImports: ['ioredis', 'bullmq', ...SDKS],
            },
            {
              sourceTag: 'type:data',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data'],
              bannedExternalImports: SDKS,
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:adapter'],
              bannedExternalImports: ['ioredis', 'bullmq'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data', 'type:testing'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data', 'type:adapter', 'type:app'],
              bannedExternalImports: ['ioredis', 'bullmq', ...SDKS],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through @vault-sync/config.' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**', 'tools/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@vault-sync/testing', message: 'The testing lib is for test files only.' }] }],
    },
  },
];
