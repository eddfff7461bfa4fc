import { DESTINATION_KINDS } from '../destinations/destination-kind';
import { normalizeName } from './normalize-name';
import { validateName } from './validate-name';

describe('normalizeName: aws-sm', () => {
  it('keeps names made of the allowed characters', () => {
    expect(normalizeName('aws-sm', 'vault/kv_1234/path/to/secret1+a=b.c@d')).toBe('vault/kv_1234/path/to/secret1+a=b.c@d');
  });

  it('replaces every other character with "_", one per character even for emoji', () => {
    expect(normalizeName('aws-sm', 'vault/kv/my secret/ü😀!')).toBe('vault/kv/my_secret/___');
  });

  it('breaks a "-" + 6 characters ending, which AWS confuses with an ARN suffix', () => {
    expect(normalizeName('aws-sm', 'vault/kv/db-config')).toBe('vault/kv/db_config');
    expect(normalizeName('aws-sm', 'vault/kv/db-confi')).toBe('vault/kv/db-confi');
    expect(normalizeName('aws-sm', 'vault/kv/db-configs')).toBe('vault/kv/db-configs');
  });

  it('truncates to 512 characters with a hash of the dropped tail', () => {
    const name = normalizeName('aws-sm', `vault/kv/${'x'.repeat(600)}`);
    expect(name).toHaveLength(512);
    expect(name).toBe(`vault/kv/${'x'.repeat(495)}bea50eaa`);
  });
});

describe('normalizeName: azure-kv', () => {
  it('turns the default template output into a valid name (docs: vault-kv-1234-my-secret)', () => {
    expect(normalizeName('azure-kv', 'vault-kv-1234-my-secret')).toBe('vault-kv-1234-my-secret');
    expect(normalizeName('azure-kv', 'vault-kv-1234-path/to/secret1')).toBe('vault-kv-1234-path-to-secret1');
  });

  it('replaces disallowed characters with "-" and collapses every run of "-"', () => {
    expect(normalizeName('azure-kv', 'a--b__c')).toBe('a-b-c');
    expect(normalizeName('azure-kv', 'a/-/b')).toBe('a-b');
    expect(normalizeName('azure-kv', 'ns/秘密/key')).toBe('ns-key');
  });

  it('keeps the case (Azure compares names case-insensitively but preserves them)', () => {
    expect(normalizeName('azure-kv', 'MyApp.Secret')).toBe('MyApp-Secret');
  });

  it('truncates to 127 characters', () => {
    expect(normalizeName('azure-kv', 'a'.repeat(200))).toHaveLength(127);
  });
});

describe('normalizeName: gcp-sm', () => {
  it('replaces "/" and other characters with "_"', () => {
    expect(normalizeName('gcp-sm', 'vault/kv_1234/my-secret')).toBe('vault_kv_1234_my-secret');
    expect(normalizeName('gcp-sm', '秘密/キー')).toBe('_____');
  });

  it('truncates to 255 characters', () => {
    expect(normalizeName('gcp-sm', 'g'.repeat(256))).toHaveLength(255);
    expect(normalizeName('gcp-sm', 'g'.repeat(255))).toBe('g'.repeat(255));
  });
});

describe('normalizeName: gh and vercel-project', () => {
  it.each(['gh', 'vercel-project'] as const)('%s: upper-cases and maps "/" to "_" (spec §12)', (kind) => {
    expect(normalizeName(kind, 'VAULT_KV_1a2b3c4d_ci/tokens_npm')).toBe('VAULT_KV_1A2B3C4D_CI_TOKENS_NPM');
  });

  it.each(['gh', 'vercel-project'] as const)('%s: prefixes "_" to a leading digit', (kind) => {
    expect(normalizeName(kind, '1password')).toBe('_1PASSWORD');
  });

  it('replaces characters before upper-casing, so "ß" becomes one "_" and not "SS"', () => {
    expect(normalizeName('gh', 'straße.key')).toBe('STRA_E_KEY');
  });

  it('keeps the GITHUB_ prefix, which only validation can refuse', () => {
    expect(normalizeName('gh', 'github_token')).toBe('GITHUB_TOKEN');
  });

  it('truncates to 255 characters with an upper-case hash', () => {
    const name = normalizeName('gh', 'v'.repeat(300));
    expect(name).toHaveLength(255);
    expect(name).toMatch(/^V{247}[0-9A-F]{8}$/);
  });
});

describe('normalizeName: every kind', () => {
  it.each(DESTINATION_KINDS)('%s: long names differing only at the end stay distinct and valid', (kind) => {
    const base = `vault/kv/${'segment-'.repeat(80)}`;
    const a = normalizeName(kind, `${base}alpha`);
    const b = normalizeName(kind, `${base}omega`);
    expect(a).not.toBe(b);
    expect(validateName(kind, a)).toEqual([]);
    expect(validateName(kind, b)).toEqual([]);
  });

  it.each(DESTINATION_KINDS)('%s: is idempotent', (kind) => {
    for (const rendered of ['vault/kv_1/app/db-config', '9 lives/ü', 'x'.repeat(700), 'a--b//c']) {
      const once = normalizeName(kind, rendered);
      expect(normalizeName(kind, once)).toBe(once);
    }
  });

  it.each(DESTINATION_KINDS)('%s: leaves an empty name empty', (kind) => {
    expect(normalizeName(kind, '')).toBe('');
  });
});
