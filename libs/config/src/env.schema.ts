import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

const hostPort = z
  .string()
  .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port')
  .transform((value) => {
    const i = value.lastIndexOf(':');
    return { host: value.slice(0, i), port: Number(value.slice(i + 1)) };
  })
  .refine((address) => address.port >= 1 && address.port <= 65535, 'port must be 1-65535');

const redisUrl = z
  .string()
  .url()
  .refine((url) => /^rediss?:\/\//.test(url), 'must start with redis:// or rediss://');

const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));

/** Change feeds the ingest service can run (`SYNC_FEEDS`). */
export const INGEST_FEEDS = ['audit-socket', 'audit-file', 'webhook', 'vault-events', 'poller'] as const;
export type IngestFeed = (typeof INGEST_FEEDS)[number];

const feedList = commaList.pipe(z.array(z.enum(INGEST_FEEDS, { error: `lists an unknown feed (known: ${INGEST_FEEDS.join(', ')})` })));

const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** A duration like Vault's: `500ms`, `30s`, `2m`, `1h`, or a bare number of seconds. In milliseconds. */
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h)?$/, 'must be a duration such as 30s, 500ms, 2m or a number of seconds')
  .transform((value) => {
    const [, amount, unit = 's'] = /^(\d+)(ms|s|m|h)?$/.exec(value) as RegExpExecArray;
    return Number(amount) * DURATION_UNITS_MS[unit as keyof typeof DURATION_UNITS_MS];
  });

const encryptionKey = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

/** Every environment variable a service reads, with defaults. Names are a public interface (README). */
export const envSchema = z
  .object({
    REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
    SYNC_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 characters of letters, digits, _ and -')
      .default('vsync'),
    VAULT_ADDR: z.string().url().optional(),
    VAULT_TOKEN: z.string().min(1).optional(),
    VAULT_NAMESPACE: z.string().optional(),
    VAULT_ROLE_ID: z.string().min(1).optional(),
    VAULT_SECRET_ID: z.string().min(1).optional(),
    VAULT_APPROLE_MOUNT: z
      .string()
      .regex(/^[^/]+(\/[^/]+)*$/, 'must be a mount path without leading or trailing slash')
      .default('approle'),
    SYNC_HTTP_PORT: port.default(8210),
    SYNC_GRPC_PORT: port.default(8211),
    SYNC_AUTH: z.enum(['vault', 'static']).optional(),
    SYNC_STATIC_TOKENS: commaList.optional(),
    SYNC_AUDIT_SOCKET: hostPort.prefault('127.0.0.1:9090'),
    SYNC_AUDIT_FILE: z.string().min(1).optional(),
    SYNC_FEEDS: feedList.optional(),
    SYNC_WEBHOOK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    SYNC_INGEST_HTTP_PORT: port.default(8212),
    SYNC_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    SYNC_WORKER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    SYNC_WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    SYNC_WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    SYNC_RECONCILE_INTERVAL: duration.pipe(z.number().min(1_000, 'must be at least 1s').max(86_400_000, 'must be at most 24h')).prefault('30s'),
    SYNC_RECONCILE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    SYNC_ENCRYPTION_KEY: encryptionKey.optional(),
    SYNC_DATA_DIR: z.string().min(1).default('data'),
    SYNC_REQUIRE_ACTIVATION: z.stringbool({ error: 'must be true or false' }).default(false),
    GITHUB_API_URL: z.string().url().default('https://api.github.com'),
    VERCEL_API_URL: z.string().url().default('https://api.vercel.com'),
    AZURE_AUTHORITY_HOST: z.string().url().optional(),
    GCP_SECRET_MANAGER_ENDPOINT: hostPort.optional(),
    GCP_SECRET_MANAGER_INSECURE: z.stringbool({ error: 'must be true or false' }).default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if ((env.VAULT_ROLE_ID === undefined) !== (env.VAULT_SECRET_ID === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['VAULT_SECRET_ID'], message: 'must be set together with VAULT_ROLE_ID (AppRole login)' });
    }
    const auth = env.SYNC_AUTH ?? (env.VAULT_ADDR ? 'vault' : 'static');
    if (auth === 'vault' && !env.VAULT_ADDR) {
      ctx.addIssue({ code: 'custom', path: ['SYNC_AUTH'], message: 'is "vault" but VAULT_ADDR is not set' });
    }
    if (auth === 'static' && (env.SYNC_STATIC_TOKENS ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['SYNC_STATIC_TOKENS'], message: 'must list at least one token when SYNC_AUTH is "static"' });
    }
    const feeds = env.SYNC_FEEDS ?? [];
    if (feeds.includes('audit-file') && !env.SYNC_AUDIT_FILE) {
      ctx.addIssue({ code: 'custom', path: ['SYNC_AUDIT_FILE'], message: 'must be set when SYNC_FEEDS lists audit-file' });
    }
    if (feeds.includes('webhook') && !env.SYNC_WEBHOOK_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SYNC_WEBHOOK_TOKEN'], message: 'must be set when SYNC_FEEDS lists webhook' });
    }
    for (const feed of ['vault-events', 'poller'] as const) {
      if (feeds.includes(feed) && !(env.VAULT_ADDR && (env.VAULT_TOKEN || env.VAULT_ROLE_ID))) {
        ctx.addIssue({ code: 'custom', path: ['VAULT_ADDR'], message: `and VAULT_TOKEN (or AppRole) must be set for the ${feed} feed` });
      }
    }
    if ((feeds.includes('webhook') || (!env.SYNC_FEEDS && env.SYNC_WEBHOOK_TOKEN)) && !env.VAULT_ADDR) {
      ctx.addIssue({ code: 'custom', path: ['VAULT_ADDR'], message: 'must be set for the webhook feed (it resolves mount paths)' });
    }
  });

export type RawEnv = z.input<typeof envSchema>;
