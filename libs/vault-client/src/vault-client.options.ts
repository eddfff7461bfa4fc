import { ConfigurationError, ErrorCode } from '@vault-sync/domain';
import type { Logger } from '@vault-sync/logging';
import { z } from 'zod';
import { Clock } from './clock';
import { FetchLike } from './http/vault-request';

const tokenAuth = z.strictObject({ method: z.literal('token'), token: z.string().min(1) });

const appRoleAuth = z.strictObject({
  method: z.literal('approle'),
  roleId: z.string().min(1),
  secretId: z.string().min(1),
  /** Where the AppRole auth method is mounted, without `auth/`. */
  mountPath: z
    .string()
    .regex(/^[^/]+(\/[^/]+)*$/, 'must be a mount path without leading or trailing slash')
    .default('approle'),
});

/** The client's settings, as the config lib maps them from `VAULT_*` variables. */
export const vaultClientOptionsSchema = z.strictObject({
  address: z.url({ protocol: /^https?$/ }),
  /** `X-Vault-Namespace` for every call (Vault Enterprise, OpenBao). */
  namespace: z.string().min(1).optional(),
  auth: z.discriminatedUnion('method', [tokenAuth, appRoleAuth]),
  requestTimeoutMs: z.number().int().positive().default(10_000),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10).default(4),
      baseDelayMs: z.number().int().min(0).default(200),
      maxDelayMs: z.number().int().min(0).default(5_000),
    })
    .prefault({}),
  /** How long `resolveMount`/`mountByAccessor` trust the mount table before re-reading it. */
  mountCacheTtlMs: z.number().int().min(0).default(60_000),
});

export type VaultClientOptionsInput = z.input<typeof vaultClientOptionsSchema>;
export type VaultClientOptions = z.output<typeof vaultClientOptionsSchema>;
export type AppRoleCredentials = Omit<z.output<typeof appRoleAuth>, 'method'>;

export type VaultClientLogger = Pick<Logger, 'warn' | 'info'>;

/** Collaborators, replaceable in tests. */
export interface VaultClientDeps {
  fetch?: FetchLike;
  clock?: Clock;
  /** [0, 1), for retry jitter. */
  random?: () => number;
  logger?: VaultClientLogger;
}

/** Validates options at the edge; the message names fields, never values (a token is one). */
export function parseVaultClientOptions(input: VaultClientOptionsInput): VaultClientOptions {
  const parsed = vaultClientOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
  throw new ConfigurationError(ErrorCode.InvalidConfiguration, `invalid Vault client options: ${problems.join('; ')}`);
}
