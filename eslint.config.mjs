import nx from '@nx/eslint-plugin';

/** Each destination kind's SDK packages: only that kind's own library (tag `destination:<kind>`) may import them. */
const SDKS_BY_KIND = {
  'aws-sm': ['@aws-sdk/*', '@smithy/*'],
  'azure-kv': ['@azure/*'],
  'gcp-sm': ['@google-cloud/*', 'google-gax'],
  gh: ['@octokit/*', 'libsodium-wrappers'],
  'vercel-project': [],
};
const SDKS = Object.values(SDKS_BY_KIND).flat();
const otherKindsSdks = (kind) => Object.entries(SDKS_BY_KIND).flatMap(([k, sdks]) => (k === kind ? [] : sdks));

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'];

/**
 * Which project may import which, by tag. Test files of any project may also use the testing library;
 * production code never can.
 */
function moduleBoundaries({ testFiles }) {
  const allow = (tags) => (testFiles ? [...tags, 'type:testing'] : tags);
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: allow(['type:domain']),
        bannedExternalImports: ['ioredis', 'bullmq', '@nestjs/*', 'pino', 'node:net', 'node:http', 'node:fs', 'fs', 'net', 'http', ...SDKS],
      },
      {
        sourceTag: 'type:util',
        onlyDependOnLibsWithTags: allow(['type:domain', 'type:util']),
        bannedExternalImports: ['ioredis', 'bullmq', ...SDKS],
      },
      {
        sourceTag: 'type:data',
        onlyDependOnLibsWithTags: allow(['type:domain', 'type:util', 'type:data']),
        bannedExternalImports: SDKS,
      },
      {
        sourceTag: 'type:adapter',
        onlyDependOnLibsWithTags: allow(['type:domain', 'type:util', 'type:adapter']),
        bannedExternalImports: ['ioredis', 'bullmq'],
      },
      { sourceTag: 'destination:shared', bannedExternalImports: SDKS },
      ...Object.keys(SDKS_BY_KIND).map((kind) => ({
        sourceTag: `destination:${kind}`,
        bannedExternalImports: otherKindsSdks(kind),
      })),
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data', 'type:testing'],
      },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: allow(['type:domain', 'type:util', 'type:data', 'type:adapter', 'type:app']),
        bannedExternalImports: ['ioredis', 'bullmq', ...SDKS],
      },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'data/**', 'tmp/**', '**/jest.*.js'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ testFiles: false })],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through @vault-sync/config.' },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      'no-restricted-syntax': 'off',
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ testFiles: true })],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: [...TEST_FILES, 'libs/testing/**', 'tools/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@vault-sync/testing', message: 'The testing lib is for test files only.' }] }],
    },
  },
];
