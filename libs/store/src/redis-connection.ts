import { Redis, RedisOptions } from 'ioredis';

/**
 * `worker`: BullMQ workers and other long-lived consumers. Commands wait across reconnects
 * (`maxRetriesPerRequest: null`, which BullMQ requires for blocking commands).
 * `fail-fast`: producers and the API. A command fails at once while Redis is unreachable, so a request gets an
 * error instead of hanging.
 */
export type RedisConnectionFlavour = 'worker' | 'fail-fast';

export interface RedisConnectionOptions {
  url: string;
  flavour: RedisConnectionFlavour;
  /** Shown by CLIENT LIST, e.g. `api-gateway:store`. */
  connectionName?: string;
  /** ioredis reports connection problems as events; without a listener they would go to the console. */
  onError: (error: Error) => void;
}

const FLAVOURS: Record<RedisConnectionFlavour, RedisOptions> = {
  worker: {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(1000 * 2 ** Math.min(attempt, 5), 20_000),
  },
  'fail-fast': {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 5_000,
    commandTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(200 * attempt, 5_000),
  },
};

/** Connects and resolves once Redis is ready; rejects (leaving nothing running) when it cannot be reached. */
export async function connectRedis(options: RedisConnectionOptions): Promise<Redis> {
  const redis = new Redis(options.url, {
    ...FLAVOURS[options.flavour],
    ...(options.connectionName === undefined ? {} : { connectionName: options.connectionName }),
    // Connect explicitly, so a fail-fast client is never handed out before it can take commands.
    lazyConnect: true,
    // After a failover the old primary answers READONLY; reconnecting reaches the new one.
    reconnectOnError: (error) => error.message.startsWith('READONLY'),
  });
  redis.on('error', options.onError);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  return redis;
}

export type RedisHealth = { status: 'up'; latencyMs: number } | { status: 'down'; reason: string };

/** For health endpoints: never throws, never waits longer than `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs = 2_000): Promise<RedisHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no PONG within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return { status: 'down', reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** QUIT lets replies in flight arrive; when Redis is unreachable that cannot work, so drop the socket instead. */
export async function closeRedisConnection(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  const ended = new Promise((resolve) => redis.once('end', resolve));
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
  await ended;
}
