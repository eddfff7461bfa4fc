import { PublicKeyCache } from './gh-public-keys';

const KEY_1 = { key_id: '1', key: 'a2V5LW9uZQ==' };
const KEY_2 = { key_id: '2', key: 'a2V5LXR3bw==' };

describe('PublicKeyCache', () => {
  it('fetches a scope key once, telling whether the key is fresh', async () => {
    const cache = new PublicKeyCache();
    const fetchKey = jest.fn().mockResolvedValue(KEY_1);
    expect(await cache.get('repo acme/web', fetchKey)).toEqual({ publicKey: KEY_1, fresh: true });
    expect(await cache.get('repo acme/web', fetchKey)).toEqual({ publicKey: KEY_1, fresh: false });
    expect(fetchKey).toHaveBeenCalledTimes(1);
  });

  it('forgets a stale key, but not a newer one another writer stored meanwhile', async () => {
    const cache = new PublicKeyCache();
    await cache.get('scope', async () => KEY_1);
    cache.forget('scope', KEY_1);
    expect(await cache.get('scope', async () => KEY_2)).toEqual({ publicKey: KEY_2, fresh: true });
    cache.forget('scope', KEY_1);
    expect(await cache.get('scope', async () => KEY_1)).toEqual({ publicKey: KEY_2, fresh: false });
  });

  it('does not remember a failed fetch', async () => {
    const cache = new PublicKeyCache();
    await expect(cache.get('scope', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('scope', async () => KEY_1)).toMatchObject({ fresh: true });
  });
});
