import { awsErrorCode } from './aws-sm.fixtures';
import { checkSecretName, checkTags, secretValueOf } from './aws-sm.rules';

describe('Secrets Manager input rules (spec §1.3)', () => {
  it('allows names of 1–512 characters from [A-Za-z0-9/_+=.@-] only', () => {
    expect(() => checkSecretName('vault/kv_1/A+b=c.d@e-f')).not.toThrow();
    expect(() => checkSecretName('n'.repeat(512))).not.toThrow();
    expect(awsErrorCode(() => checkSecretName('n'.repeat(513)))).toBe('ValidationException');
    expect(awsErrorCode(() => checkSecretName(''))).toBe('ValidationException');
    // `!` appears in the service's message but is reserved for AWS-owned secrets.
    expect(awsErrorCode(() => checkSecretName('svc!name'))).toBe('ValidationException');
  });

  it('measures string values in UTF-8 bytes and binary values decoded, up to 65,536', () => {
    expect(secretValueOf({ SecretString: 'é'.repeat(32_768) })).toEqual({ secretString: 'é'.repeat(32_768) });
    expect(awsErrorCode(() => secretValueOf({ SecretString: `${'é'.repeat(32_768)}a` }))).toBe('ValidationException');
    expect(awsErrorCode(() => secretValueOf({ SecretString: '' }))).toBe('ValidationException');
    expect(awsErrorCode(() => secretValueOf({ SecretBinary: Buffer.alloc(65_537).toString('base64') }))).toBe('ValidationException');
    expect(secretValueOf({})).toBeUndefined();
  });

  it('accepts Unicode letters, spaces and _.:/=+-@ in tags, not other symbols or the aws: prefix', () => {
    expect(() => checkTags([{ Key: 'Équipe name', Value: 'ops/é:1=2+3-4@x' }, { Key: 'empty', Value: '' }])).not.toThrow();
    expect(awsErrorCode(() => checkTags([{ Key: 'a#b', Value: 'x' }]))).toBe('ValidationException');
    expect(awsErrorCode(() => checkTags([{ Key: 'k', Value: 'v'.repeat(257) }]))).toBe('ValidationException');
    expect(awsErrorCode(() => checkTags([{ Key: 'AWS:thing', Value: 'x' }]))).toBe('InvalidParameterException');
  });
});
