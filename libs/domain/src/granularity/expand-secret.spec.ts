import { DestinationKind, Granularity } from '../destinations/destination-kind';
import { ErrorCode } from '../errors/error-code';
import { ClientSideError } from '../errors/vault-sync-error';
import { compileTemplate } from '../naming/compile-template';
import { DEFAULT_TEMPLATES } from '../naming/default-templates';
import { secretTemplateVariables } from '../naming/template-variables';
import { expandSecret } from './expand-secret';
import { KvData } from './secret-data';

const VARIABLES = secretTemplateVariables({
  destinationType: 'gh',
  destinationName: 'ci-repo',
  namespacePath: '',
  mountPath: 'kv',
  mountAccessor: 'kv_1a2b3c4d',
  secretPath: 'ci/tokens',
});

function expand(kind: DestinationKind, granularity: Granularity, data: KvData, template = DEFAULT_TEMPLATES[kind][granularity]) {
  return expandSecret({ kind, granularity, template: compileTemplate(template), variables: VARIABLES, data });
}

function thrownBy(run: () => unknown): ClientSideError {
  try {
    run();
  } catch (error) {
    if (error instanceof ClientSideError) return error;
    throw error;
  }
  throw new Error('expected a ClientSideError');
}

describe('expandSecret: secret-path', () => {
  it('gives one entry holding the JSON of the data map, with its fingerprint and no sub-key', () => {
    expect(expand('aws-sm', 'secret-path', { user: 'app', password: 's3cr3t' })).toEqual([
      {
        externalName: 'vault/kv_1a2b3c4d/ci/tokens',
        value: '{"password":"s3cr3t","user":"app"}',
        fingerprint: 'b18ca0244727da26c888f2b8f24b78330efe1e3b69aebe6b85576795628350c0',
      },
    ]);
  });

  it('writes an empty map as {}', () => {
    expect(expand('gcp-sm', 'secret-path', {}).map((entry) => [entry.externalName, entry.value])).toEqual([
      ['vault_kv_1a2b3c4d_ci_tokens', '{}'],
    ]);
  });
});

describe('expandSecret: secret-key', () => {
  it('gives one entry per top-level key, sorted, named as in the spec §12 example', () => {
    const entries = expand('gh', 'secret-key', { pypi: 'pypi-token', npm: 'npm-token' });
    expect(entries.map(({ externalName, subKey, value }) => ({ externalName, subKey, value }))).toEqual([
      { externalName: 'VAULT_KV_1A2B3C4D_CI_TOKENS_NPM', subKey: 'npm', value: 'npm-token' },
      { externalName: 'VAULT_KV_1A2B3C4D_CI_TOKENS_PYPI', subKey: 'pypi', value: 'pypi-token' },
    ]);
  });

  it('fingerprints each value separately', () => {
    const [abc] = expand('gh', 'secret-key', { k: 'abc' });
    expect(abc?.fingerprint).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('writes non-string values as their JSON text', () => {
    const entries = expand('vercel-project', 'secret-key', {
      count: 42,
      enabled: true,
      list: [1, 'two'],
      nothing: null,
      object: { b: 1, a: 2 },
    });
    expect(Object.fromEntries(entries.map((entry) => [entry.subKey, entry.value]))).toEqual({
      count: '42',
      enabled: 'true',
      list: '[1,"two"]',
      nothing: 'null',
      object: '{"a":2,"b":1}',
    });
  });

  it('gives no entries for an empty map', () => {
    expect(expand('gh', 'secret-key', {})).toEqual([]);
  });

  it('passes an empty string value through where the destination accepts it', () => {
    expect(expand('gh', 'secret-key', { blank: '' }).map((entry) => entry.value)).toEqual(['']);
  });

  it('normalises each key into the name: unicode, dashes and leading digits', () => {
    const names = expand('gh', 'secret-key', { 'db-pass': 'x', 'clé': 'y' }, '{{ .SecretKey }}').map((entry) => entry.externalName);
    expect(names).toEqual(['CL_', 'DB_PASS']);
    expect(expand('gh', 'secret-key', { '2fa': 'x' }, '{{ .SecretKey }}')[0]?.externalName).toBe('_2FA');
  });

  it('throws invalid_name when a key produces a forbidden name', () => {
    expect(() => expand('gh', 'secret-key', { github_pat: 'x' }, '{{ .SecretKey }}')).toThrow(
      expect.objectContaining({ code: ErrorCode.InvalidName, message: expect.stringContaining('[reserved-prefix]') }),
    );
  });
});

describe('expandSecret: name collisions', () => {
  it.each([
    ['gh', 'a-b', 'a_b'],
    ['gh', 'token', 'TOKEN'],
    ['gh', 'ü', 'é'],
    ['vercel-project', 'api.key', 'API_KEY'],
    ['azure-kv', 'Key', 'key'],
    ['azure-kv', 'a_b', 'a--b'],
    ['gcp-sm', 'a b', 'a_b'],
  ] as const)('%s: keys %j and %j collide', (kind, first, second) => {
    const error = thrownBy(() => expand(kind, 'secret-key', { [first]: 'first-value', [second]: 'second-value' }));
    expect(error.code).toBe(ErrorCode.NameCollision);
    expect(error.failureClass).toBe('CLIENT_SIDE_ERROR');
    expect(error.message).toContain(JSON.stringify(first));
    expect(error.message).toContain(JSON.stringify(second));
    expect(error.message).toContain('"ci/tokens"');
    expect(error.message).not.toContain('first-value');
    expect(error.message).not.toContain('second-value');
  });

  it('does not flag keys that stay distinct at the destination', () => {
    expect(expand('aws-sm', 'secret-key', { 'a-b': '1', a_b: '2' }).map((entry) => entry.externalName)).toEqual([
      'vault/kv_1a2b3c4d/ci/tokens/a-b',
      'vault/kv_1a2b3c4d/ci/tokens/a_b',
    ]);
    expect(expand('gcp-sm', 'secret-key', { Key: '1', key: '2' })).toHaveLength(2);
  });

  it('keeps long keys that differ only at the end apart thanks to the hash suffix', () => {
    const long = 'k'.repeat(300);
    const names = expand('gh', 'secret-key', { [`${long}1`]: 'a', [`${long}2`]: 'b' }).map((entry) => entry.externalName);
    expect(names[0]).toHaveLength(255);
    expect(names[1]).toHaveLength(255);
    expect(names[0]).not.toBe(names[1]);
  });
});

describe('expandSecret: value size limits', () => {
  it.each([
    ['aws-sm', 65536],
    ['azure-kv', 25600],
    ['gcp-sm', 65536],
    ['gh', 49152],
    ['vercel-project', 65536],
  ] as const)('%s accepts %i bytes and refuses one more, naming key and limit but not the value', (kind, limit) => {
    expect(expand(kind, 'secret-key', { big: 'v'.repeat(limit) })[0]?.value).toHaveLength(limit);
    const error = thrownBy(() => expand(kind, 'secret-key', { big: 'v'.repeat(limit + 1) }));
    expect(error.code).toBe(ErrorCode.ValueTooLarge);
    expect(error.message).toContain(`key "big" of secret "ci/tokens" is ${limit + 1} bytes`);
    expect(error.message).toContain(`limit of ${limit} bytes`);
    expect(error.message).not.toContain('vvvv');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const error = thrownBy(() => expand('gh', 'secret-key', { k: 'ü'.repeat(24577) }));
    expect(error.message).toContain('is 49154 bytes');
  });

  it('checks the JSON of the whole map under secret-path and names the path', () => {
    const error = thrownBy(() => expand('azure-kv', 'secret-path', { a: 'x'.repeat(20000), b: 'y'.repeat(6000) }));
    expect(error.code).toBe(ErrorCode.ValueTooLarge);
    expect(error.message).toMatch(/^the value of secret "ci\/tokens" is 26015 bytes, over the azure-kv limit of 25600 bytes \(25 KB\)$/);
  });

  it('refuses an empty value on AWS, which requires at least one byte', () => {
    const error = thrownBy(() => expand('aws-sm', 'secret-key', { blank: '' }));
    expect(error.code).toBe(ErrorCode.ValueEmpty);
    expect(error.message).toBe('the value of key "blank" of secret "ci/tokens" is empty, and aws-sm does not accept empty values');
  });
});
