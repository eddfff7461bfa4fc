import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@vault-sync/config';
import { SyncJobProducer } from '@vault-sync/jobs';
import { createLogger } from '@vault-sync/logging';
import type { StoreContext } from '@vault-sync/store';
import NodeVault from 'node-vault';
import { GatewayApp, RegisteredRoute, createGatewayApp } from '../gateway-app';
import { createGatewayDependencies } from '../gateway-runtime';

type Redis = StoreContext['redis'];

export interface GatewayUnderTestOptions {
  /** The test's Redis (createTestRedis): its URL, a connected client and its unique key prefix. */
  redis: { url: string; redis: Redis; prefix: string };
  vault: { url: string; rootToken: string };
  auth: { mode: 'static'; tokens: string[] } | { mode: 'vault' };
  bodyLimitBytes?: number;
  /** SYNC_REQUIRE_ACTIVATION. */
  requireActivation?: boolean;
}

export interface GatewayUnderTest {
  /** `http://127.0.0.1:<port>`, a real listening socket. */
  url: string;
  port: number;
  routes: readonly RegisteredRoute[];
  /** The job queues under the test's prefix, to see what the API queued (no worker runs in these tests). */
  queues: SyncJobProducer;
  /** A node-vault client of the gateway, with `token` (none when `undefined`). */
  client(token: string | undefined): NodeVault.client;
  /** Every key under the test's prefix with its content, to prove a refused request changed nothing. */
  snapshot(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The configuration `main.ts` would build from this environment, with the test's key prefix (longer than SYNC_KEY_PREFIX allows). */
function configFor(options: GatewayUnderTestOptions): AppConfig {
  const env = {
    REDIS_URL: options.redis.url,
    VAULT_ADDR: options.vault.url,
    VAULT_TOKEN: options.vault.rootToken,
    SYNC_AUTH: options.auth.mode,
    SYNC_STATIC_TOKENS: options.auth.mode === 'static' ? options.auth.tokens.join(',') : undefined,
    SYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    SYNC_REQUIRE_ACTIVATION: options.requireActivation === undefined ? undefined : String(options.requireActivation),
  };
  const config = loadConfig(env);
  return { ...config, redis: { ...config.redis, keyPrefix: options.redis.prefix } };
}

/** The gateway as `main.ts` wires it (Redis, BullMQ queues, Vault client, access checker), listening on a free port. */
export async function startGatewayUnderTest(options: GatewayUnderTestOptions): Promise<GatewayUnderTest> {
  const logger = createLogger({ service: 'api-gateway-test', level: 'silent' });
  const dependencies = await createGatewayDependencies(configFor(options), logger);
  let gateway: GatewayApp;
  try {
    gateway = await createGatewayApp(dependencies, { logger, bodyLimitBytes: options.bodyLimitBytes });
  } catch (err) {
    await dependencies.release?.();
    throw err;
  }
  await gateway.app.listen(0, '127.0.0.1');
  const port = (gateway.app.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const queues = new SyncJobProducer({ connection: options.redis.redis, keyPrefix: options.redis.prefix, onError: () => undefined });
  return {
    url,
    port,
    routes: gateway.routes,
    queues,
    client: (token) => NodeVault({ endpoint: url, token, apiVersion: 'v1' }),
    snapshot: () => snapshotKeys(options.redis.redis, options.redis.prefix),
    close: async () => {
      await queues.close();
      await gateway.app.close();
    },
  };
}

async function snapshotKeys(redis: Redis, prefix: string): Promise<Record<string, unknown>> {
  const keys: string[] = [];
  for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0');
  }
  const entries = await Promise.all(keys.sort().map(async (key) => [key, await contentOf(redis, key)] as const));
  return Object.fromEntries(entries);
}

async function contentOf(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'hash':
      return redis.hgetall(key);
    case 'set':
      return (await redis.smembers(key)).sort();
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'string':
      return redis.get(key);
    default:
      return 'other';
  }
}
