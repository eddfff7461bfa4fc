import { z } from 'zod';
import { IngestFeed, envSchema } from './env.schema';

export interface AppConfig {
  redis: { url: string; keyPrefix: string };
  vault: {
    address?: string;
    token?: string;
    namespace?: string;
    /** AppRole login, preferred over `token` when set. */
    appRole?: { roleId: string; secretId: string; mountPath: string };
  };
  http: { port: number };
  grpc: { port: number };
  auth: { mode: 'vault' } | { mode: 'static'; tokens: readonly string[] };
  ingest: {
    auditSocket: { host: string; port: number };
    /** The `file` audit device's log, tailed by the `audit-file` feed. */
    auditFile?: string;
    feeds: readonly IngestFeed[];
    webhookToken?: string;
    httpPort: number;
  };
  /** Sync worker services (every `worker-<kind>` app). */
  worker: {
    /** Jobs one worker process runs at once. */
    concurrency: number;
    /** Runs of one operation before its error status is final (the reconciler takes over after that). */
    maxAttempts: number;
    /** How long a stopping worker lets active jobs finish before closing anyway. */
    shutdownTimeoutMs: number;
    /** `GET /health` port; unset: no HTTP server, 0: any free port. */
    healthPort?: number;
  };
  /** The metadata reconciler (leader replica only). */
  reconciler: {
    /** Time between passes over every associated secret (jittered). */
    intervalMs: number;
    /** Metadata reads in flight against Vault at once. */
    concurrency: number;
  };
  encryption: { base64Key?: string; keyFile: string };
  /** `sys/activation-flags` (spec §3.9): whether secrets sync must be activated before `sys/sync/*` answers. */
  activation: { required: boolean };
  /** API endpoints of destinations reached over plain REST (GitHub Enterprise Server, tests' emulators). */
  destinations: {
    github: { apiBaseUrl: string };
    vercel: { apiBaseUrl: string };
    /** Microsoft Entra sign-in host overriding the one of each destination's `cloud` (private or test authorities). */
    azure: { authorityHost?: string };
    /** A private endpoint (or, with `insecure`, a plaintext emulator); the Google default when absent. */
    gcp: { apiEndpoint?: string; port?: number; insecure: boolean };
  };
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Invalid configuration. The message is one line naming every bad variable and never echoes a value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.join('.') || 'environment';
  const message = issue.message.replace(/^Invalid input: /, '');
  return `${variable} ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/**
 * Without `SYNC_FEEDS`: the audit socket, each feed whose variable is set, and the poller whenever the service has
 * Vault credentials (it is the safety net behind every other feed).
 */
function defaultFeeds(auditFile: string | undefined, webhookToken: string | undefined, vaultCredentials: boolean): IngestFeed[] {
  return [
    'audit-socket',
    ...(auditFile ? (['audit-file'] as const) : []),
    ...(webhookToken ? (['webhook'] as const) : []),
    ...(vaultCredentials ? (['poller'] as const) : []),
  ];
}

/** Parses the environment once at boot. Blank values count as unset, as shells often export `VAR=`. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  const e = parsed.data;
  const authMode = e.SYNC_AUTH ?? (e.VAULT_ADDR ? 'vault' : 'static');
  return {
    redis: { url: e.REDIS_URL, keyPrefix: e.SYNC_KEY_PREFIX },
    vault: {
      address: e.VAULT_ADDR,
      token: e.VAULT_TOKEN,
      namespace: e.VAULT_NAMESPACE,
      ...(e.VAULT_ROLE_ID && e.VAULT_SECRET_ID ? { appRole: { roleId: e.VAULT_ROLE_ID, secretId: e.VAULT_SECRET_ID, mountPath: e.VAULT_APPROLE_MOUNT } } : {}),
    },
    http: { port: e.SYNC_HTTP_PORT },
    grpc: { port: e.SYNC_GRPC_PORT },
    auth: authMode === 'vault' ? { mode: 'vault' } : { mode: 'static', tokens: e.SYNC_STATIC_TOKENS ?? [] },
    ingest: {
      auditSocket: e.SYNC_AUDIT_SOCKET,
      auditFile: e.SYNC_AUDIT_FILE,
      feeds: e.SYNC_FEEDS ?? defaultFeeds(e.SYNC_AUDIT_FILE, e.SYNC_WEBHOOK_TOKEN, Boolean(e.VAULT_ADDR && (e.VAULT_TOKEN || e.VAULT_ROLE_ID))),
      webhookToken: e.SYNC_WEBHOOK_TOKEN,
      httpPort: e.SYNC_INGEST_HTTP_PORT,
    },
    worker: {
      concurrency: e.SYNC_WORKER_CONCURRENCY,
      maxAttempts: e.SYNC_WORKER_MAX_ATTEMPTS,
      shutdownTimeoutMs: e.SYNC_WORKER_SHUTDOWN_TIMEOUT_MS,
      healthPort: e.SYNC_WORKER_HEALTH_PORT,
    },
    reconciler: { intervalMs: e.SYNC_RECONCILE_INTERVAL, concurrency: e.SYNC_RECONCILE_CONCURRENCY },
    encryption: { base64Key: e.SYNC_ENCRYPTION_KEY, keyFile: `${e.SYNC_DATA_DIR}/encryption.key` },
    activation: { required: e.SYNC_REQUIRE_ACTIVATION },
    destinations: {
      github: { apiBaseUrl: e.GITHUB_API_URL },
      vercel: { apiBaseUrl: e.VERCEL_API_URL },
      azure: e.AZURE_AUTHORITY_HOST ? { authorityHost: e.AZURE_AUTHORITY_HOST } : {},
      gcp: {
        ...(e.GCP_SECRET_MANAGER_ENDPOINT ? { apiEndpoint: e.GCP_SECRET_MANAGER_ENDPOINT.host, port: e.GCP_SECRET_MANAGER_ENDPOINT.port } : {}),
        insecure: e.GCP_SECRET_MANAGER_INSECURE,
      },
    },
    dataDir: e.SYNC_DATA_DIR,
    logLevel: e.LOG_LEVEL,
  };
}
