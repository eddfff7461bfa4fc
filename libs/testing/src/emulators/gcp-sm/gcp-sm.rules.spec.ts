import { status } from '@grpc/grpc-js';
import { crc32c } from './gcp-sm.crc32c';
import { GcpSmError } from './gcp-sm.errors';
import { checkAnnotations, checkLabels, checkPayload, checkReplication, fieldsForCreate, fieldsForUpdate } from './gcp-sm.rules';
import { checkSecretId, parseSecretName, parseVersionName } from './gcp-sm.names';

const failureOf = (run: () => unknown): GcpSmError => {
  try {
    run();
  } catch (error) {
    return error as GcpSmError;
  }
  throw new Error('expected a failure');
};

describe('gcp-sm rules', () => {
  it('computes CRC-32C (Castagnoli) check values', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it('accepts lowercase and international label keys and values, and says where a bad one breaks', () => {
    expect(checkLabels({ 'managed-by': 'vault_sync-1', ключ: 'значение', empty: '' })).toBeDefined();
    const value = failureOf(() => checkLabels({ entity: 'bot_x@y' }));
    expect(value.code).toBe(status.INVALID_ARGUMENT);
    expect(value.message).toBe(
      'Invalid field "labels.entity"; value "bot_x@y" does not conform to regular expression "[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}"; character "@" at position 5 is not a non-uppercased letter (Unicode character class Ll or Lo), digit, hyphen, or underscore',
    );
    expect(failureOf(() => checkLabels({ '1abc': 'x' })).message).toContain('character "1" at position 0 is not a non-uppercased letter (Unicode character class Ll or Lo)');
    expect(failureOf(() => checkLabels({ k: 'x'.repeat(64) })).message).toContain('longer than 63 characters');
    expect(failureOf(() => checkLabels(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])))).code).toBe(status.INVALID_ARGUMENT);
  });

  it('checks annotation keys and the 16 KiB total', () => {
    expect(checkAnnotations({ 'vault.io_Path-1': 'Any Value/!', a: '' })).toBeDefined();
    expect(failureOf(() => checkAnnotations({ '-starts-badly': 'x' })).code).toBe(status.INVALID_ARGUMENT);
    expect(failureOf(() => checkAnnotations({ 'has/slash': 'x' })).code).toBe(status.INVALID_ARGUMENT);
    expect(failureOf(() => checkAnnotations({ big: 'x'.repeat(16 * 1024) })).message).toContain('16KiB');
  });

  it('wants replication on global secrets and refuses it on regional ones', () => {
    expect(checkReplication({ automatic: {} }, false)).toEqual({ automatic: {} });
    expect(failureOf(() => checkReplication(undefined, false)).message).toBe('Secret.replication must be specified.');
    expect(failureOf(() => checkReplication({ userManaged: { replicas: [] } }, false)).code).toBe(status.INVALID_ARGUMENT);
    expect(failureOf(() => checkReplication({ userManaged: { replicas: [{ location: 'a' }, { location: 'a' }] } }, false)).message).toContain('[a]');
    expect(checkReplication(undefined, true)).toBeUndefined();
    expect(failureOf(() => checkReplication({ automatic: {} }, true)).message).toBe('Secret.replication should not be provided.');
  });

  it('checks payload size, emptiness and the client checksum', () => {
    const data = Buffer.from('v');
    expect(checkPayload({ data })).toEqual({ data, crc32c: crc32c(data), checksummed: false });
    expect(checkPayload({ data, dataCrc32c: String(crc32c(data)) }).checksummed).toBe(true);
    expect(failureOf(() => checkPayload({ data, dataCrc32c: '1' })).code).toBe(status.INVALID_ARGUMENT);
    expect(failureOf(() => checkPayload({ data: Buffer.alloc(0) })).code).toBe(status.INVALID_ARGUMENT);
    expect(failureOf(() => checkPayload({ data: Buffer.alloc(65_537) })).code).toBe(status.INVALID_ARGUMENT);
  });

  it('turns a ttl into an expiry time and refuses expiry in the past', () => {
    expect(fieldsForCreate({ replication: { automatic: {} }, ttl: { seconds: 60 } }, false, 1_000).expireTimeMs).toBe(61_000);
    expect(failureOf(() => fieldsForCreate({ replication: { automatic: {} }, expireTime: { seconds: 1 } }, false, 5_000)).code).toBe(status.INVALID_ARGUMENT);
  });

  it('applies only the update-mask paths, in snake or camel case, and refuses immutable or unknown ones', () => {
    expect(fieldsForUpdate({ labels: { a: 'b' }, annotations: { x: 'y' } }, ['labels'], 0)).toEqual({ labels: { a: 'b' } });
    expect(fieldsForUpdate({}, ['versionAliases'], 0)).toEqual({ versionAliases: {} });
    expect(failureOf(() => fieldsForUpdate({}, [], 0)).code).toBe(status.INVALID_ARGUMENT);
    expect(failureOf(() => fieldsForUpdate({}, ['replication'], 0)).message).toContain('immutable');
    expect(failureOf(() => fieldsForUpdate({}, ['colour'], 0)).message).toContain('[colour]');
  });

  it('parses global and regional names and refuses malformed ones', () => {
    expect(parseSecretName('projects/p/secrets/s_1-A')).toEqual({ project: 'p', secretId: 's_1-A' });
    expect(parseVersionName('projects/p/locations/eu/secrets/s/versions/latest')).toEqual({ project: 'p', location: 'eu', secretId: 's', version: 'latest' });
    expect(failureOf(() => parseVersionName('p/secrets/s/versions/1')).message).toBe('The provided Secret ID [p/secrets/s/versions/1] does not match the expected format [projects/*/secrets/*/versions/*]');
    expect(failureOf(() => checkSecretId('')).code).toBe(status.INVALID_ARGUMENT);
    expect(() => checkSecretId('a'.repeat(255))).not.toThrow();
  });
});
