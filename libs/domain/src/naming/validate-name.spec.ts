import { DESTINATION_KINDS } from '../destinations/destination-kind';
import { NameRuleId } from './name-rules';
import { validateName } from './validate-name';

function rules(kind: Parameters<typeof validateName>[0], name: string): NameRuleId[] {
  return validateName(kind, name).map((violation) => violation.rule);
}

describe('validateName', () => {
  it.each([
    ['aws-sm', 'vault/kv_1234/path/to/secret1'],
    ['azure-kv', 'vault-kv-1234-my-secret'],
    ['gcp-sm', 'vault_kv_1234_my-secret'],
    ['gh', 'VAULT_KV_1A2B3C4D_CI_TOKENS_NPM'],
    ['vercel-project', 'DATABASE_URL'],
  ] as const)('accepts the valid %s name %s', (kind, name) => {
    expect(validateName(kind, name)).toEqual([]);
  });

  it.each(DESTINATION_KINDS)('%s: refuses an empty name, and only reports that', (kind) => {
    expect(rules(kind, '')).toEqual(['empty']);
  });

  it('names the disallowed characters and the destination rule', () => {
    expect(validateName('gh', 'MY-SECRET.X')).toEqual([
      { rule: 'allowed-characters', message: 'a GitHub Actions secret name may only contain A-Z a-z 0-9 _; found "-", "."' },
    ]);
    expect(rules('gcp-sm', 'a/b')).toEqual(['allowed-characters']);
    expect(rules('azure-kv', 'a_b')).toEqual(['allowed-characters']);
    expect(rules('aws-sm', 'a b')).toEqual(['allowed-characters']);
    expect(rules('aws-sm', 'ü')).toEqual(['allowed-characters']);
  });

  it.each([
    ['aws-sm', 512],
    ['azure-kv', 127],
    ['gcp-sm', 255],
    ['gh', 255],
    ['vercel-project', 255],
  ] as const)('%s: allows %i characters and not one more', (kind, max) => {
    expect(rules(kind, 'A'.repeat(max))).toEqual([]);
    expect(validateName(kind, 'A'.repeat(max + 1))).toEqual([
      { rule: 'max-length', message: expect.stringContaining(`at most ${max} characters; this one has ${max + 1}`) },
    ]);
  });

  it('refuses a leading digit on gh and vercel-project only', () => {
    expect(rules('gh', '1PASSWORD')).toEqual(['leading-digit']);
    expect(rules('vercel-project', '9LIVES')).toEqual(['leading-digit']);
    expect(rules('azure-kv', '1password')).toEqual([]);
    expect(rules('gcp-sm', '1password')).toEqual([]);
    expect(rules('aws-sm', '1password')).toEqual([]);
  });

  it('refuses the GITHUB_ prefix on gh in any case, but not on vercel-project', () => {
    expect(validateName('gh', 'GITHUB_TOKEN')).toEqual([
      { rule: 'reserved-prefix', message: 'a GitHub Actions secret name must not start with "GITHUB_"' },
    ]);
    expect(rules('gh', 'github_token')).toEqual(['reserved-prefix']);
    expect(rules('gh', 'MY_GITHUB_TOKEN')).toEqual([]);
    expect(rules('vercel-project', 'GITHUB_TOKEN')).toEqual([]);
  });

  it('refuses an AWS name ending in "-" plus 6 characters', () => {
    expect(rules('aws-sm', 'vault/kv/db-config')).toEqual(['arn-suffix']);
    expect(rules('aws-sm', 'vault/kv/db-conf')).toEqual([]);
    expect(rules('azure-kv', 'db-config')).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(rules('gh', `1-${'A'.repeat(300)}`)).toEqual(['allowed-characters', 'max-length', 'leading-digit']);
  });
});
