import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';
import { compileTemplate } from './compile-template';
import { externalNameFor } from './external-name';
import { secretTemplateVariables } from './template-variables';

// Spec §12: KV v2 mount "kv", accessor kv_1a2b3c4d, secret ci/tokens.
const CI_TOKENS = secretTemplateVariables({
  destinationType: 'gh',
  destinationName: 'ci-repo',
  namespacePath: '',
  mountPath: 'kv',
  mountAccessor: 'kv_1a2b3c4d',
  secretPath: 'ci/tokens',
});
const GH_TEMPLATE = compileTemplate('VAULT_{{ .MountAccessor | uppercase }}_{{ .SecretPath | uppercase }}_{{ .SecretKey | uppercase }}');

describe('externalNameFor', () => {
  it('gives the names of the spec §12 end-to-end example', () => {
    expect(externalNameFor('gh', GH_TEMPLATE, { ...CI_TOKENS, SecretKey: 'npm' })).toBe('VAULT_KV_1A2B3C4D_CI_TOKENS_NPM');
    expect(externalNameFor('gh', GH_TEMPLATE, { ...CI_TOKENS, SecretKey: 'pypi' })).toBe('VAULT_KV_1A2B3C4D_CI_TOKENS_PYPI');
  });

  it('normalises nested, unicode and leading-digit paths into a valid name', () => {
    const template = compileTemplate('{{ .SecretPath }}');
    expect(externalNameFor('gh', template, { ...CI_TOKENS, SecretPath: '2024/équipe/秘密' })).toBe('_2024__QUIPE___');
    expect(externalNameFor('azure-kv', template, { ...CI_TOKENS, SecretPath: 'team/🚀/db' })).toBe('team-db');
  });

  it('throws invalid_name naming the rule when the name cannot be repaired', () => {
    let thrown: unknown;
    try {
      externalNameFor('gh', compileTemplate('{{ .SecretKey }}'), { ...CI_TOKENS, SecretKey: 'github_pat' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(thrown).toMatchObject({
      code: ErrorCode.InvalidName,
      field: 'secret_name_template',
      failureClass: 'CLIENT_SIDE_ERROR',
      retryable: false,
    });
    expect((thrown as Error).message).toBe(
      'template "{{ .SecretKey }}" gives the GitHub Actions secret name "GITHUB_PAT", which breaks its rules: ' +
        'a GitHub Actions secret name must not start with "GITHUB_" [reserved-prefix]',
    );
  });

  it('refuses a name that normalises to nothing', () => {
    const template = compileTemplate('{{ .NamespacePath }}');
    expect(() => externalNameFor('aws-sm', template, CI_TOKENS)).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidName, message: expect.stringContaining('[empty]') }),
    );
  });
});
