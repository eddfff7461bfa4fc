import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { ConfigurationError, ErrorCode } from '@vault-sync/domain';

/**
 * Checks that `pem` is an RSA private key (what GitHub issues for apps) and returns its fingerprint the way GitHub
 * shows it: `SHA256:` and the base64 SHA-256 of the DER (SPKI) public key (spec §3.10).
 * @throws ConfigurationError naming `private_key`, never echoing it
 */
export function githubAppKeyFingerprint(pem: string): string {
  let publicDer: Buffer;
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    publicDer = createPublicKey(key).export({ type: 'spki', format: 'der' });
  } catch {
    throw new ConfigurationError(ErrorCode.InvalidConfiguration, 'private_key: must be a PEM-encoded RSA private key', 'private_key');
  }
  return `SHA256:${createHash('sha256').update(publicDer).digest('base64')}`;
}
