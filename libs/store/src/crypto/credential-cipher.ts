import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DestinationRef, destinationKey } from '@vault-sync/domain';
import { CredentialDecryptionError, EncryptionKeyError } from '../errors';
import { ENCRYPTION_KEY_BYTES } from './encryption-key';

const ENVELOPE_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Short, stable identifier of a key, recorded in each envelope so that rotated keys still decrypt old ones. */
export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update('vault-sync credential key id\0').update(key).digest('hex').slice(0, 16);
}

/**
 * AES-256-GCM for destination credentials. Envelope: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts).
 * The associated data binds an envelope to its destination, so a ciphertext copied onto another destination's
 * record fails to decrypt instead of handing that destination someone else's credentials.
 */
export class CredentialCipher {
  private readonly keys = new Map<string, Buffer>();
  readonly activeKeyId: string;

  /** `activeKey` encrypts; `retiredKeys` only decrypt envelopes written before a rotation. */
  constructor(
    private readonly activeKey: Buffer,
    retiredKeys: readonly Buffer[] = [],
  ) {
    for (const key of [activeKey, ...retiredKeys]) {
      if (key.length !== ENCRYPTION_KEY_BYTES) {
        throw new EncryptionKeyError(`credential encryption keys must be ${ENCRYPTION_KEY_BYTES} bytes`);
      }
      this.keys.set(encryptionKeyId(key), key);
    }
    this.activeKeyId = encryptionKeyId(activeKey);
  }

  encrypt(destination: DestinationRef, credentials: Record<string, string>): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.activeKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(destination));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return [ENVELOPE_VERSION, this.activeKeyId, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  decrypt(destination: DestinationRef, envelope: string): Record<string, string> {
    const [version, keyId, iv, tag, ciphertext, ...rest] = envelope.split(':');
    if (version !== ENVELOPE_VERSION || ciphertext === undefined || rest.length > 0) {
      throw new CredentialDecryptionError(destination, 'unrecognised envelope format');
    }
    const key = this.keys.get(keyId);
    if (key === undefined) {
      throw new CredentialDecryptionError(destination, `encrypted with unknown key ${keyId}`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(destination));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
      return JSON.parse(plaintext.toString('utf8')) as Record<string, string>;
    } catch {
      throw new CredentialDecryptionError(destination, 'authentication failed (tampered, or written for another destination)');
    }
  }
}

function associatedData(destination: DestinationRef): Buffer {
  return Buffer.from(`vault-sync/credentials/${ENVELOPE_VERSION}|${destinationKey(destination)}`, 'utf8');
}
