import { DESTINATION_KINDS, GRANULARITIES } from '../destinations/destination-kind';
import { compileTemplate } from './compile-template';
import { DEFAULT_TEMPLATES, effectiveTemplateSource } from './default-templates';
import { externalNameFor } from './external-name';
import { secretTemplateVariables } from './template-variables';
import { validateTemplateFor } from './validate-template';

const SECRET = secretTemplateVariables({
  destinationType: 'ignored',
  destinationName: 'dest',
  namespacePath: '',
  mountPath: 'kv',
  mountAccessor: 'kv_1234',
  secretPath: 'path/to/secret1',
});

describe('DEFAULT_TEMPLATES', () => {
  it('uses the templates Vault documents', () => {
    expect(DEFAULT_TEMPLATES['aws-sm']['secret-path']).toBe('vault/{{ .MountAccessor }}/{{ .SecretPath }}');
    expect(DEFAULT_TEMPLATES['azure-kv']['secret-path']).toBe('vault-{{ .MountAccessor | replace "_" "-" }}-{{ .SecretPath }}');
    expect(DEFAULT_TEMPLATES.gh['secret-key']).toBe(
      'VAULT_{{ .MountAccessor | uppercase }}_{{ .SecretPath | uppercase }}_{{ .SecretKey | uppercase }}',
    );
  });

  it.each([
    ['aws-sm', 'secret-path', 'vault/kv_1234/path/to/secret1'],
    ['aws-sm', 'secret-key', 'vault/kv_1234/path/to/secret1/foo'],
    ['azure-kv', 'secret-path', 'vault-kv-1234-path-to-secret1'],
    ['azure-kv', 'secret-key', 'vault-kv-1234-path-to-secret1-foo'],
    ['gcp-sm', 'secret-path', 'vault_kv_1234_path_to_secret1'],
    ['gcp-sm', 'secret-key', 'vault_kv_1234_path_to_secret1_foo'],
    ['gh', 'secret-path', 'VAULT_KV_1234_PATH_TO_SECRET1'],
    ['gh', 'secret-key', 'VAULT_KV_1234_PATH_TO_SECRET1_FOO'],
    ['vercel-project', 'secret-path', 'VAULT_KV_1234_PATH_TO_SECRET1'],
    ['vercel-project', 'secret-key', 'VAULT_KV_1234_PATH_TO_SECRET1_FOO'],
  ] as const)('%s / %s renders and normalises to %s', (kind, granularity, expected) => {
    const template = compileTemplate(DEFAULT_TEMPLATES[kind][granularity]);
    const variables = granularity === 'secret-key' ? { ...SECRET, SecretKey: 'foo' } : SECRET;
    expect(externalNameFor(kind, template, variables)).toBe(expected);
  });

  it('gives the documented Azure example name vault-kv-1234-my-secret', () => {
    const template = compileTemplate(DEFAULT_TEMPLATES['azure-kv']['secret-path']);
    expect(externalNameFor('azure-kv', template, { ...SECRET, SecretPath: 'my-secret' })).toBe('vault-kv-1234-my-secret');
  });

  it('passes its own configuration-time validation for every kind and granularity', () => {
    for (const kind of DESTINATION_KINDS) {
      for (const granularity of GRANULARITIES) {
        const template = validateTemplateFor(kind, granularity, DEFAULT_TEMPLATES[kind][granularity]);
        expect(template.references('SecretKey')).toBe(granularity === 'secret-key');
      }
    }
  });
});

describe('effectiveTemplateSource', () => {
  it('falls back to the type default when the template is unset or ""', () => {
    expect(effectiveTemplateSource('gh', 'secret-key')).toBe(DEFAULT_TEMPLATES.gh['secret-key']);
    expect(effectiveTemplateSource('aws-sm', 'secret-path', '')).toBe(DEFAULT_TEMPLATES['aws-sm']['secret-path']);
  });

  it('keeps a configured template', () => {
    expect(effectiveTemplateSource('aws-sm', 'secret-path', 'custom/{{ .SecretPath }}')).toBe('custom/{{ .SecretPath }}');
  });
});
