import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /** Connected client for the test. */
  redis: Redis;
  /** `test-<uuid>`: unique per call, so parallel test files never see each other's keys. */
  prefix: string;
  /** Another connected client, e.g. to prove atomicity across connections; closed by `cleanup`. */
  connect(): Promise<Redis>;
  /** Deletes the keys under `prefix` (and nothing else) and closes every client. */
  cleanup(): Promise<void>;
}

export function testRedisUrl(): string {
  // eslint-disable-next-line no-restricted-syntax -- test helpers take the shared test Redis from the environment
  return process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

/**
 * A client and a unique key prefix on the shared test Redis. The Redis is shared with other test runs, so
 * cleanup deletes by prefix (SCAN + UNLINK) and never flushes.
 */
export async function createTestRedis(): Promise<TestRedis> {
  const url = testRedisUrl();
  const prefix = `test-${randomUUID()}`;
  const clients: Redis[] = [];
  const connect = async (): Promise<Redis> => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    clients.push(client);
    await client.connect();
    return client;
  };
  const redis = await connect();
  return {
    url,
    redis,
    prefix,
    connect,
    cleanup: async () => {
      await deleteKeysUnderPrefix(redis, prefix);
      await Promise.all(clients.map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}

/** Keys start with the prefix, or with it inside a hash tag (`{prefix}:...`, `{prefix:...}`). */
export async function deleteKeysUnderPrefix(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return deleted;
}
