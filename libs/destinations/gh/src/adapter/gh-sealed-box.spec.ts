import sodium from 'libsodium-wrappers';
import { sealValue } from './gh-sealed-box';

describe('sealValue', () => {
  it('seals the UTF-8 value for the key, in standard base64, opened only with the private key', async () => {
    await sodium.ready;
    const pair = sodium.crypto_box_keypair();
    const publicKey = { key_id: '568250167242549743', key: Buffer.from(pair.publicKey).toString('base64') };
    const value = 'p@ss wörd/+=';

    const sealed = await sealValue(value, publicKey);

    expect(sealed.key_id).toBe(publicKey.key_id);
    expect(sealed.encrypted_value).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const box = Buffer.from(sealed.encrypted_value, 'base64');
    expect(box.length).toBe(Buffer.byteLength(value) + sodium.crypto_box_SEALBYTES);
    expect(Buffer.from(sodium.crypto_box_seal_open(box, pair.publicKey, pair.privateKey)).toString('utf8')).toBe(value);
    // Sealed boxes are randomized: the same value never seals to the same bytes twice.
    expect((await sealValue(value, publicKey)).encrypted_value).not.toBe(sealed.encrypted_value);
  });
});
