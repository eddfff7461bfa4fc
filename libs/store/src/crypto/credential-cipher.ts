import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DestinationRef, destinationKey } from '@vault-sync/domain';
import { CredentialDecryptionError, EncryptionKeyError, GithubAppKeyDecryptionError } from '../errors';
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
 * AES-256-GCM for destination credentials and GitHub app private keys. Envelope: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts).
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
    return this.seal(destinationSubject(destination), JSON.stringify(credentials));
  }

  decrypt(destination: DestinationRef, envelope: string): Record<string, string> {
    const failed = (reason: string) => new CredentialDecryptionError(destination, reason);
    return JSON.parse(this.open(destinationSubject(destination), envelope, failed)) as Record<string, string>;
  }

  /** A GitHub app's private key (`sys/sync/github-apps`), bound to the app's name like credentials to their destination. */
  encryptGithubAppKey(appName: string, privateKey: string): string {
    return this.seal(githubAppSubject(appName), privateKey);
  }

  decryptGithubAppKey(appName: string, envelope: string): string {
    return this.open(githubAppSubject(appName), envelope, (reason) => new GithubAppKeyDecryptionError(appName, reason));
  }

  private seal(subject: string, plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.activeKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(subject));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [ENVELOPE_VERSION, this.activeKeyId, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join(':');
  }

  private open(subject: string, envelope: string, failed: (reason: string) => Error): string {
    const [version, keyId, iv, tag, ciphertext, ...rest] = envelope.split(':');
    if (version !== ENVELOPE_VERSION || ciphertext === undefined || rest.length > 0) throw failed('unrecognised envelope format');
    const key = this.keys.get(keyId);
    if (key === undefined) throw failed(`encrypted with unknown key ${keyId}`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(subject));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw failed('authentication failed (tampered, or written for another record)');
    }
  }
}

/** Destination keys are `<type>/<name>`: no destination subject can equal a `github-app:` one. */
function destinationSubject(destination: DestinationRef): string {
  return destinationKey(destination);
}

function githubAppSubject(appName: string): string {
  return `github-app:${appName}`;
}

function associatedData(subject: string): Buffer {
  return Buffer.from(`vault-sync/credentials/${ENVELOPE_VERSION}|${subject}`, 'utf8');
}
