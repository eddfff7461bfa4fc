import { randomInt } from 'node:crypto';
import sodium from 'libsodium-wrappers';

/** libsodium loads asynchronously; everything below needs it ready. */
export const sodiumReady = (): Promise<void> => sodium.ready;

/** GitHub's key ids are long decimal strings (e.g. `568250167242549743`). */
function newKeyId(): string {
  return `${randomInt(1, 10)}${Array.from({ length: 17 }, () => randomInt(10)).join('')}`;
}

export type OpenOutcome = { ok: string } | { error: 'stale-key' | 'undecryptable' };

/**
 * One scope's Curve25519 key pair (spec §4.3): clients seal values to `key`, the emulator opens them.
 * Rotation replaces the pair and its `key_id`; values sealed to an older key no longer open.
 */
export class ScopeKeyPair {
  private keyId = '';
  private publicKey: Uint8Array = new Uint8Array();
  private privateKey: Uint8Array = new Uint8Array();

  constructor() {
    this.rotate();
  }

  rotate(): void {
    const pair = sodium.crypto_box_keypair();
    this.keyId = newKeyId();
    this.publicKey = pair.publicKey;
    this.privateKey = pair.privateKey;
  }

  /** The body of `GET …/secrets/public-key`: standard base64 with padding, not libsodium's URL-safe default. */
  view(): { key_id: string; key: string } {
    return { key_id: this.keyId, key: Buffer.from(this.publicKey).toString('base64') };
  }

  /** Opens a base64 `crypto_box_seal` box addressed to the current key. */
  open(keyId: string, encryptedValueBase64: string): OpenOutcome {
    if (keyId !== this.keyId) return { error: 'stale-key' };
    const box = Buffer.from(encryptedValueBase64, 'base64');
    if (box.length < sodium.crypto_box_SEALBYTES) return { error: 'undecryptable' };
    try {
      const plain = sodium.crypto_box_seal_open(box, this.publicKey, this.privateKey);
      return { ok: Buffer.from(plain).toString('utf8') };
    } catch {
      return { error: 'undecryptable' };
    }
  }
}
