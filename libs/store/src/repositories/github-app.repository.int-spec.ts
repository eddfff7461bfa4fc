import { randomBytes } from 'node:crypto';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { CredentialCipher } from '../crypto/credential-cipher';
import { GithubAppAlreadyExistsError, GithubAppNotFoundError } from '../errors';
import { StoreKeys } from '../keys';
import { ActivationFlagRepository } from './activation-flag.repository';
import { GithubAppRepository } from './github-app.repository';

const PEM = '-----BEGIN PRIVATE KEY-----\npem-sentinel-one\n-----END PRIVATE KEY-----\n';
const OTHER_PEM = '-----BEGIN PRIVATE KEY-----\npem-sentinel-two\n-----END PRIVATE KEY-----\n';

describe('GithubAppRepository and ActivationFlagRepository', () => {
  let redis: TestRedis;
  let apps: GithubAppRepository;
  let clock: Date;

  beforeAll(async () => {
    redis = await createTestRedis();
    clock = new Date('2026-01-01T00:00:00Z');
    apps = new GithubAppRepository({ redis: redis.redis, prefix: redis.prefix, now: () => clock }, new CredentialCipher(randomBytes(32)));
  });

  afterAll(() => redis.cleanup());

  it('stores the private key only encrypted, and reads the record without it', async () => {
    const created = await apps.create({ name: 'acme-sync', appId: 123, privateKey: PEM, fingerprint: 'SHA256:one' });
    expect(created).toEqual({ name: 'acme-sync', appId: 123, fingerprint: 'SHA256:one', createdAt: clock.toISOString(), updatedAt: clock.toISOString() });
    expect(await apps.get('acme-sync')).toEqual(created);
    const raw = await redis.redis.hgetall(new StoreKeys(redis.prefix).githubApp('acme-sync'));
    expect(JSON.stringify(raw)).not.toContain('pem-sentinel');
    expect(await apps.privateKey('acme-sync')).toBe(PEM);
    await expect(apps.create({ name: 'acme-sync', appId: 9, privateKey: PEM, fingerprint: 'x' })).rejects.toThrow(GithubAppAlreadyExistsError);
  });

  it('replaces the key and fingerprint, keeping the app id and creation time', async () => {
    clock = new Date('2026-01-02T00:00:00Z');
    const updated = await apps.update('acme-sync', { privateKey: OTHER_PEM, fingerprint: 'SHA256:two' });
    expect(updated).toMatchObject({ appId: 123, fingerprint: 'SHA256:two', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: clock.toISOString() });
    expect(await apps.privateKey('acme-sync')).toBe(OTHER_PEM);
    expect((await apps.update('acme-sync', undefined)).fingerprint).toBe('SHA256:two');
    await expect(apps.update('missing', undefined)).rejects.toThrow(GithubAppNotFoundError);
  });

  it('lists names in order and deletes', async () => {
    await apps.create({ name: 'b-app', appId: 2, privateKey: PEM, fingerprint: 'f' });
    expect(await apps.list()).toEqual(['acme-sync', 'b-app']);
    expect(await apps.delete('acme-sync')).toBe(true);
    expect(await apps.delete('acme-sync')).toBe(false);
    expect(await apps.get('acme-sync')).toBeUndefined();
    expect(await apps.privateKey('acme-sync')).toBeUndefined();
    expect(await apps.list()).toEqual(['b-app']);
  });

  it('activates a flag once and for all', async () => {
    const flags = new ActivationFlagRepository({ redis: redis.redis, prefix: redis.prefix });
    expect(await flags.activated()).toEqual([]);
    await flags.activate('secrets-sync');
    await flags.activate('secrets-sync');
    expect(await flags.activated()).toEqual(['secrets-sync']);
  });
});
