import { testRedisUrl } from '@vault-sync/testing';
import { closeRedisConnection, connectRedis, pingRedis } from './redis-connection';

describe('redis connection', () => {
  const errors: Error[] = [];
  const onError = (error: Error): void => {
    errors.push(error);
  };

  it('connects, answers a health ping and closes cleanly (twice is fine)', async () => {
    const redis = await connectRedis({ url: testRedisUrl(), flavour: 'fail-fast', connectionName: 'store-int-test', onError });
    expect(await pingRedis(redis)).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    expect(await redis.client('GETNAME')).toBe('store-int-test');
    await closeRedisConnection(redis);
    expect(redis.status).toBe('end');
    await closeRedisConnection(redis);
  });

  it('gives workers a client that waits across reconnects, as BullMQ requires', async () => {
    const redis = await connectRedis({ url: testRedisUrl(), flavour: 'worker', onError });
    expect(redis.options.maxRetriesPerRequest).toBeNull();
    expect(redis.options.enableOfflineQueue).toBe(true);
    await closeRedisConnection(redis);
  });

  it('reports down instead of hanging once the connection is gone', async () => {
    const redis = await connectRedis({ url: testRedisUrl(), flavour: 'fail-fast', onError });
    redis.disconnect();
    const health = await pingRedis(redis, 1_000);
    expect(health.status).toBe('down');
    await closeRedisConnection(redis);
  });

  it('refuses at once when Redis is unreachable, and reports the error through the listener', async () => {
    const started = Date.now();
    await expect(connectRedis({ url: 'redis://127.0.0.1:1', flavour: 'fail-fast', onError })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(errors.some((error) => /ECONNREFUSED/.test(error.message))).toBe(true);
  });
});
