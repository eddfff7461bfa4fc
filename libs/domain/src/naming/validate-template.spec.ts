import { ErrorCode } from '../errors/error-code';
import { ConfigurationError } from '../errors/vault-sync-error';
import { validateTemplateFor } from './validate-template';

function configurationError(code: ErrorCode, message: string) {
  return expect.objectContaining({ code, field: 'secret_name_template', message: expect.stringContaining(message) });
}

describe('validateTemplateFor', () => {
  it('returns the compiled template when it is usable', () => {
    const template = validateTemplateFor('aws-sm', 'secret-path', 'prefix-{{ .SecretPath }}');
    expect(template.render({ ...sample(), SecretPath: 'a/b' })).toBe('prefix-a/b');
  });

  it('requires .SecretKey under secret-key granularity', () => {
    expect(() => validateTemplateFor('gh', 'secret-key', 'VAULT_{{ .SecretPath }}')).toThrow(
      configurationError(ErrorCode.InvalidTemplate, 'must reference .SecretKey under secret-key granularity'),
    );
  });

  it('refuses .SecretKey under secret-path granularity', () => {
    expect(() => validateTemplateFor('aws-sm', 'secret-path', '{{ .SecretPath }}/{{ .SecretKey }}')).toThrow(
      configurationError(ErrorCode.InvalidTemplate, 'must not reference .SecretKey under secret-path'),
    );
  });

  it('passes syntax errors through', () => {
    expect(() => validateTemplateFor('aws-sm', 'secret-path', '{{ .SecretPath | uuid }}')).toThrow(
      configurationError(ErrorCode.InvalidTemplate, 'function "uuid" is not allowed'),
    );
  });

  it('refuses a template whose names always break a rule normalisation cannot repair', () => {
    expect(() => validateTemplateFor('gh', 'secret-key', 'GITHUB_{{ .SecretKey }}')).toThrow(
      configurationError(ErrorCode.InvalidName, '[reserved-prefix]'),
    );
    expect(() => validateTemplateFor('aws-sm', 'secret-key', '{{ .SecretKey | replace "foo" "" }}')).toThrow(
      configurationError(ErrorCode.InvalidName, '[empty]'),
    );
  });

  it('accepts templates whose output normalisation repairs', () => {
    expect(() => validateTemplateFor('gh', 'secret-key', '{{ .SecretPath }}/{{ .SecretKey }}')).not.toThrow();
    expect(() => validateTemplateFor('gcp-sm', 'secret-path', 'vault/{{ .MountAccessor }}/{{ .SecretPath }}')).not.toThrow();
  });

  it('throws ConfigurationError instances', () => {
    expect(() => validateTemplateFor('gh', 'secret-key', '{{')).toThrow(ConfigurationError);
  });
});

function sample() {
  return {
    DestinationType: 'aws-sm',
    DestinationName: 'd',
    NamespacePath: '',
    NamespaceBaseName: '',
    NamespaceID: 'root',
    MountPath: 'kv',
    MountBaseName: 'kv',
    MountAccessor: 'kv_1',
    SecretPath: 'x',
    SecretBaseName: 'x',
  };
}
