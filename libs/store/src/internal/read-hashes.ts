import { Redis } from 'ioredis';

/** HGETALL of several keys in one MULTI, so the hashes are read as one consistent snapshot. */
export async function readHashes(redis: Redis, keys: readonly string[]): Promise<Record<string, string>[]> {
  if (keys.length === 0) return [];
  const multi = redis.multi();
  for (const key of keys) multi.hgetall(key);
  const replies = (await multi.exec()) ?? [];
  return replies.map(([error, hash]) => {
    if (error) throw error;
    return hash as Record<string, string>;
  });
}
