import { SharedTtlCache } from './shared-ttl-cache';

describe('SharedTtlCache', () => {
  let now: number;
  const cacheOf = (maxEntries = 100) => new SharedTtlCache<string>({ ttlMs: 5_000, maxEntries, now: () => now });

  beforeEach(() => {
    now = 1_000;
  });

  it('keeps a loaded value until its TTL has passed, then loads again', async () => {
    const cache = cacheOf();
    const load = jest.fn().mockResolvedValueOnce('first').mockResolvedValueOnce('second');
    await expect(cache.getOrLoad('k', load)).resolves.toBe('first');
    now += 4_999;
    await expect(cache.getOrLoad('k', load)).resolves.toBe('first');
    now += 1;
    await expect(cache.getOrLoad('k', load)).resolves.toBe('second');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one in-flight load between concurrent callers of the same key', async () => {
    const cache = cacheOf();
    let finish: (value: string) => void = () => undefined;
    const load = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const callers = [cache.getOrLoad('k', load), cache.getOrLoad('k', load), cache.getOrLoad('k', load)];
    finish('value');
    await expect(Promise.all(callers)).resolves.toEqual(['value', 'value', 'value']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads different keys separately', async () => {
    const cache = cacheOf();
    const load = jest.fn(async () => 'value');
    await Promise.all([cache.getOrLoad('a', load), cache.getOrLoad('b', load)]);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a failed load: every waiting caller sees the failure, the next caller loads again', async () => {
    const cache = cacheOf();
    const load = jest.fn().mockRejectedValueOnce(new Error('down')).mockResolvedValueOnce('value');
    const waiting = [cache.getOrLoad('k', load), cache.getOrLoad('k', load)];
    await expect(Promise.all(waiting)).rejects.toThrow('down');
    await expect(waiting[1]).rejects.toThrow('down');
    await expect(cache.getOrLoad('k', load)).resolves.toBe('value');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('holds at most maxEntries values, evicting the oldest', async () => {
    const cache = cacheOf(2);
    const load = jest.fn(async () => 'value');
    for (const key of ['a', 'b', 'c']) await cache.getOrLoad(key, load);
    expect(cache.size).toBe(2);
    await cache.getOrLoad('c', load);
    await cache.getOrLoad('b', load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.getOrLoad('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('drops expired values when storing new ones', async () => {
    const cache = cacheOf();
    const load = jest.fn(async () => 'value');
    await cache.getOrLoad('a', load);
    await cache.getOrLoad('b', load);
    now += 5_000;
    await cache.getOrLoad('c', load);
    expect(cache.size).toBe(1);
  });
});
