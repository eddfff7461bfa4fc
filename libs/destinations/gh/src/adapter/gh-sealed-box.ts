/** A scope's public key as GitHub hands it out: `key` is standard base64 of a 32-byte Curve25519 key. */
export interface GhPublicKey {
  key_id: string;
  key: string;
}

/** What a secret PUT carries. */
export interface SealedValue {
  encrypted_value: string;
  key_id: string;
}

type Sodium = typeof import('libsodium-wrappers');

let sodiumReady: Promise<Sodium> | undefined;

/** libsodium is loaded and initialised on first use only: importing the library for its schemas costs nothing. */
function sodium(): Promise<Sodium> {
  sodiumReady ??= import('libsodium-wrappers').then(async ({ default: loaded }) => {
    await loaded.ready;
    return loaded;
  });
  return sodiumReady;
}

/**
 * `crypto_box_seal` of the UTF-8 value with the scope's key (spec §4.3). Both ends use standard base64 with
 * padding: libsodium's own default is URL-safe without padding, which GitHub does not accept.
 */
export async function sealValue(value: string, publicKey: GhPublicKey): Promise<SealedValue> {
  const lib = await sodium();
  const box = lib.crypto_box_seal(Buffer.from(value, 'utf8'), Buffer.from(publicKey.key, 'base64'));
  return { encrypted_value: Buffer.from(box).toString('base64'), key_id: publicKey.key_id };
}
