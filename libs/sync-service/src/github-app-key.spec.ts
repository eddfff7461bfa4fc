import { createHash, generateKeyPairSync } from 'node:crypto';
import { ConfigurationError } from '@vault-sync/domain';
import { githubAppKeyFingerprint } from './github-app-key';

describe('githubAppKeyFingerprint', () => {
  it('is SHA256: and the base64 SHA-256 of the DER public key, as GitHub shows it', () => {
    for (const format of ['pkcs1', 'pkcs8'] as const) {
      const { publicKey, privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'der' },
        privateKeyEncoding: { type: format, format: 'pem' },
      });
      const expected = `SHA256:${createHash('sha256').update(publicKey).digest('base64')}`;
      expect(githubAppKeyFingerprint(privateKey)).toBe(expected);
    }
  });

  it('refuses what is not an RSA private key, without echoing it', () => {
    const { privateKey: ecKey } = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const { publicKey: rsaPublic } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    for (const pem of ['sentinel-not-a-key', '-----BEGIN RSA PRIVATE KEY-----\nsentinel\n-----END RSA PRIVATE KEY-----', ecKey, rsaPublic]) {
      expect(() => githubAppKeyFingerprint(pem)).toThrow(ConfigurationError);
      expect(() => githubAppKeyFingerprint(pem)).toThrow('private_key: must be a PEM-encoded RSA private key');
    }
  });
});
