import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@vault-sync/domain';
import { CredentialDecryptionError, EncryptionKeyError, GithubAppKeyDecryptionError } from '../errors';
import { CredentialCipher, encryptionKeyId } from './credential-cipher';

describe('CredentialCipher', () => {
  const destination = { type: 'gh', name: 'ci-repo' } as const;
  const credentials = { access_token: 'ghp_canary-token-123' };
  const key = randomBytes(32);
  const cipher = new CredentialCipher(key);

  it('round-trips a credential map through a v1 envelope that names its key', () => {
    const envelope = cipher.encrypt(destination, credentials);
    expect(envelope).toMatch(new RegExp(`^v1:${encryptionKeyId(key)}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$`));
    expect(envelope).not.toContain('canary');
    expect(cipher.decrypt(destination, envelope)).toEqual(credentials);
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.encrypt(destination, credentials)).not.toBe(cipher.encrypt(destination, credentials));
  });

  it('derives a short, stable key id that does not reveal the key', () => {
    expect(encryptionKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(encryptionKeyId(Buffer.from(key))).toBe(encryptionKeyId(key));
    expect(encryptionKeyId(randomBytes(32))).not.toBe(encryptionKeyId(key));
  });

  it('still decrypts after a rotation, with the old key kept as retired', () => {
    const envelope = cipher.encrypt(destination, credentials);
    const rotated = new CredentialCipher(randomBytes(32), [key]);
    expect(rotated.decrypt(destination, envelope)).toEqual(credentials);
    expect(rotated.encrypt(destination, credentials)).toContain(`:${rotated.activeKeyId}:`);
  });

  it('refuses an envelope written with a key it does not know, naming the key id but not the secret', () => {
    const envelope = new CredentialCipher(randomBytes(32)).encrypt(destination, credentials);
    expect(() => cipher.decrypt(destination, envelope)).toThrow(CredentialDecryptionError);
    expect(() => cipher.decrypt(destination, envelope)).toThrow(/gh\/ci-repo: encrypted with unknown key [0-9a-f]{16}/);
  });

  it('refuses a tampered ciphertext or tag', () => {
    const [version, keyId, iv, tag, ciphertext] = cipher.encrypt(destination, credentials).split(':');
    const flipped = Buffer.from(ciphertext, 'base64');
    flipped[0] ^= 1;
    const badTag = Buffer.from(tag, 'base64');
    badTag[0] ^= 1;
    for (const envelope of [
      [version, keyId, iv, tag, flipped.toString('base64')].join(':'),
      [version, keyId, iv, badTag.toString('base64'), ciphertext].join(':'),
    ]) {
      expect(() => cipher.decrypt(destination, envelope)).toThrow(/authentication failed/);
    }
  });

  it('refuses an envelope moved onto another destination (associated data)', () => {
    const envelope = cipher.encrypt(destination, credentials);
    expect(() => cipher.decrypt({ type: 'gh', name: 'other-repo' }, envelope)).toThrow(CredentialDecryptionError);
    expect(() => cipher.decrypt({ type: 'vercel-project', name: 'ci-repo' }, envelope)).toThrow(CredentialDecryptionError);
  });

  it('refuses malformed envelopes with a non-retryable typed error', () => {
    for (const envelope of ['', 'plain', 'v2:a:b:c:d', `${cipher.encrypt(destination, credentials)}:extra`]) {
      let caught: unknown;
      try {
        cipher.decrypt(destination, envelope);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(CredentialDecryptionError);
      expect((caught as CredentialDecryptionError).code).toBe(ErrorCode.CredentialDecryptionFailed);
      expect((caught as CredentialDecryptionError).retryable).toBe(false);
    }
  });

  it('encrypts a GitHub app key bound to its app, never to a destination', () => {
    const envelope = cipher.encryptGithubAppKey('acme-sync', 'pem-sentinel');
    expect(envelope).not.toContain('pem-sentinel');
    expect(cipher.decryptGithubAppKey('acme-sync', envelope)).toBe('pem-sentinel');
    expect(() => cipher.decryptGithubAppKey('other-app', envelope)).toThrow(GithubAppKeyDecryptionError);
    expect(() => cipher.decrypt({ type: 'gh', name: 'acme-sync' }, envelope)).toThrow(CredentialDecryptionError);
    expect(() => cipher.decryptGithubAppKey('ci-repo', cipher.encrypt(destination, credentials))).toThrow(GithubAppKeyDecryptionError);
  });

  it('accepts only 32-byte keys', () => {
    expect(() => new CredentialCipher(randomBytes(16))).toThrow(EncryptionKeyError);
    expect(() => new CredentialCipher(key, [randomBytes(31)])).toThrow(EncryptionKeyError);
  });
});
