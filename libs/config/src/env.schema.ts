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
    SYNC_ENCRYPTION_KEY: encryptionKey.optional(),
    SYNC_DATA_DIR: z.string().min(1).default('data'),
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
  });

export type RawEnv = z.input<typeof envSchema>;
