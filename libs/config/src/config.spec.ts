import { ConfigError, loadConfig } from './config';

const KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ SYNC_STATIC_TOKENS: 't1' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'vsync' });
    expect(config.http.port).toBe(8210);
    expect(config.grpc.port).toBe(8211);
    expect(config.ingest.auditSocket).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(config.auth).toEqual({ mode: 'static', tokens: ['t1'] });
    expect(config.encryption).toEqual({ base64Key: undefined, keyFile: 'data/encryption.key' });
    expect(config.logLevel).toBe('info');
  });

  it('reads the sync worker settings, with defaults and bounds', () => {
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't1' }).worker).toEqual({ concurrency: 8, maxAttempts: 8, shutdownTimeoutMs: 30_000, healthPort: undefined });
    const worker = loadConfig({
      SYNC_STATIC_TOKENS: 't1',
      SYNC_WORKER_CONCURRENCY: '2',
      SYNC_WORKER_MAX_ATTEMPTS: '3',
      SYNC_WORKER_SHUTDOWN_TIMEOUT_MS: '500',
      SYNC_WORKER_HEALTH_PORT: '0',
    }).worker;
    expect(worker).toEqual({ concurrency: 2, maxAttempts: 3, shutdownTimeoutMs: 500, healthPort: 0 });
    const problems = problemsOf({ SYNC_STATIC_TOKENS: 't1', SYNC_WORKER_CONCURRENCY: '0', SYNC_WORKER_HEALTH_PORT: '70000' });
    expect(problems).toContain('SYNC_WORKER_CONCURRENCY');
    expect(problems).toContain('SYNC_WORKER_HEALTH_PORT');
  });

  it('chooses Vault-delegated auth when VAULT_ADDR is set', () => {
    expect(loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200' }).auth).toEqual({ mode: 'vault' });
  });

  it('lets SYNC_AUTH=static override a configured Vault', () => {
    const config = loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', SYNC_AUTH: 'static', SYNC_STATIC_TOKENS: ' a , b ,,' });
    expect(config.auth).toEqual({ mode: 'static', tokens: ['a', 'b'] });
  });

  it('parses ports, the audit socket address and the encryption key', () => {
    const config = loadConfig({
      SYNC_STATIC_TOKENS: 't',
      SYNC_HTTP_PORT: '18210',
      SYNC_GRPC_PORT: '18211',
      SYNC_AUDIT_SOCKET: '0.0.0.0:19090',
      SYNC_ENCRYPTION_KEY: KEY,
      SYNC_DATA_DIR: '/var/lib/vault-sync',
    });
    expect(config.http.port).toBe(18210);
    expect(config.grpc.port).toBe(18211);
    expect(config.ingest.auditSocket).toEqual({ host: '0.0.0.0', port: 19090 });
    expect(config.encryption).toEqual({ base64Key: KEY, keyFile: '/var/lib/vault-sync/encryption.key' });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', SYNC_HTTP_PORT: '', REDIS_URL: '' }).http.port).toBe(8210);
  });

  it('names every bad variable in one line', () => {
    const message = problemsOf({
      REDIS_URL: 'http://localhost',
      SYNC_HTTP_PORT: '70000',
      SYNC_AUTH: 'ldap',
      SYNC_AUDIT_SOCKET: 'nowhere',
      SYNC_KEY_PREFIX: 'has space',
    });
    expect(message).not.toContain('\n');
    for (const name of ['REDIS_URL', 'SYNC_HTTP_PORT', 'SYNC_AUTH', 'SYNC_AUDIT_SOCKET', 'SYNC_KEY_PREFIX']) {
      expect(message).toContain(name);
    }
  });

  it('requires VAULT_ADDR for Vault auth and tokens for static auth', () => {
    expect(problemsOf({ SYNC_AUTH: 'vault' })).toMatch(/SYNC_AUTH is "vault" but VAULT_ADDR is not set/);
    expect(problemsOf({})).toMatch(/SYNC_STATIC_TOKENS must list at least one token/);
  });

  it('rejects an encryption key of the wrong size without echoing it', () => {
    const shortKey = Buffer.alloc(16, 1).toString('base64');
    const message = problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_ENCRYPTION_KEY: shortKey });
    expect(message).toContain('SYNC_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
    expect(message).not.toContain(shortKey);
  });

  it('reads AppRole credentials, with the default mount', () => {
    const config = loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_ROLE_ID: 'role', VAULT_SECRET_ID: 'sid' });
    expect(config.vault.appRole).toEqual({ roleId: 'role', secretId: 'sid', mountPath: 'approle' });
    expect(loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 't' }).vault.appRole).toBeUndefined();
  });

  it('requires the AppRole role id and secret id together, without echoing either', () => {
    const message = problemsOf({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_ROLE_ID: 'role-value', VAULT_APPROLE_MOUNT: '/approle/' });
    expect(message).toContain('VAULT_SECRET_ID must be set together with VAULT_ROLE_ID');
    expect(message).toContain('VAULT_APPROLE_MOUNT');
    expect(message).not.toContain('role-value');
  });

  it('runs the audit socket feed by default, plus each feed whose variable is set', () => {
    const vault = { VAULT_ADDR: 'http://127.0.0.1:8200' };
    expect(loadConfig(vault).ingest).toEqual({ auditSocket: { host: '127.0.0.1', port: 9090 }, feeds: ['audit-socket'], httpPort: 8212, auditFile: undefined, webhookToken: undefined });
    const all = loadConfig({ ...vault, SYNC_AUDIT_FILE: '/vault/audit.log', SYNC_WEBHOOK_TOKEN: 'w'.repeat(16), SYNC_INGEST_HTTP_PORT: '18212' }).ingest;
    expect(all).toMatchObject({ feeds: ['audit-socket', 'audit-file', 'webhook'], auditFile: '/vault/audit.log', httpPort: 18212 });
    expect(loadConfig({ ...vault, SYNC_FEEDS: 'webhook , audit-file', SYNC_AUDIT_FILE: 'a.log', SYNC_WEBHOOK_TOKEN: 'w'.repeat(16) }).ingest.feeds).toEqual(['webhook', 'audit-file']);
  });

  it('adds the poller by default once the service has Vault credentials, and refuses Vault feeds without them', () => {
    expect(loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 'root-value' }).ingest.feeds).toEqual(['audit-socket', 'poller']);
    const message = problemsOf({ VAULT_ADDR: 'http://127.0.0.1:8200', SYNC_FEEDS: 'audit-socket,poller,vault-events' });
    expect(message).toContain('VAULT_ADDR and VAULT_TOKEN (or AppRole) must be set for the poller feed');
    expect(message).toContain('for the vault-events feed');
  });

  it('refuses unknown feeds and feeds without what they need, without echoing the webhook token', () => {
    const message = problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_FEEDS: 'audit-socket,kafka' });
    expect(message).toContain('SYNC_FEEDS');
    expect(message).toContain('known: audit-socket, audit-file, webhook');
    const missing = problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_FEEDS: 'audit-file,webhook' });
    expect(missing).toContain('SYNC_AUDIT_FILE must be set when SYNC_FEEDS lists audit-file');
    expect(missing).toContain('SYNC_WEBHOOK_TOKEN must be set when SYNC_FEEDS lists webhook');
    expect(missing).toContain('VAULT_ADDR must be set for the webhook feed');
    const weak = problemsOf({ VAULT_ADDR: 'http://127.0.0.1:8200', SYNC_WEBHOOK_TOKEN: 'short-secret' });
    expect(weak).toContain('SYNC_WEBHOOK_TOKEN must be at least 16 characters');
    expect(weak).not.toContain('short-secret');
  });

  it('reads the reconcile interval as a duration, 30 s and 8 reads in flight by default', () => {
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't' }).reconciler).toEqual({ intervalMs: 30_000, concurrency: 8 });
    const cases: [string, number][] = [['45', 45_000], ['1500ms', 1_500], ['2m', 120_000], ['1h', 3_600_000]];
    for (const [value, intervalMs] of cases) expect(loadConfig({ SYNC_STATIC_TOKENS: 't', SYNC_RECONCILE_INTERVAL: value }).reconciler.intervalMs).toBe(intervalMs);
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', SYNC_RECONCILE_CONCURRENCY: '16' }).reconciler.concurrency).toBe(16);
  });

  it('refuses a reconcile interval that is malformed, too short or too long', () => {
    expect(problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_RECONCILE_INTERVAL: 'soon' })).toContain('SYNC_RECONCILE_INTERVAL must be a duration');
    expect(problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_RECONCILE_INTERVAL: '10ms' })).toContain('SYNC_RECONCILE_INTERVAL must be at least 1s');
    expect(problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_RECONCILE_INTERVAL: '25h' })).toContain('SYNC_RECONCILE_INTERVAL must be at most 24h');
    expect(problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_RECONCILE_CONCURRENCY: '0' })).toContain('SYNC_RECONCILE_CONCURRENCY');
  });

  it('ships secrets sync pre-activated unless SYNC_REQUIRE_ACTIVATION is true', () => {
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't' }).activation).toEqual({ required: false });
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', SYNC_REQUIRE_ACTIVATION: 'true' }).activation).toEqual({ required: true });
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', SYNC_REQUIRE_ACTIVATION: 'false' }).activation).toEqual({ required: false });
    expect(problemsOf({ SYNC_STATIC_TOKENS: 't', SYNC_REQUIRE_ACTIVATION: 'maybe' })).toContain('SYNC_REQUIRE_ACTIVATION must be true or false');
  });

  it('never echoes a token value in a problem report', () => {
    const message = problemsOf({ SYNC_STATIC_TOKENS: 'super-secret-token', REDIS_URL: 'nope' });
    expect(message).not.toContain('super-secret-token');
  });

  it('defaults the GitHub and Vercel API endpoints and accepts others (GitHub Enterprise Server)', () => {
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't' }).destinations).toEqual({
      github: { apiBaseUrl: 'https://api.github.com' },
      vercel: { apiBaseUrl: 'https://api.vercel.com' },
      azure: {},
      gcp: { insecure: false },
    });
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', AZURE_AUTHORITY_HOST: 'https://login.example.test' }).destinations.azure).toEqual({ authorityHost: 'https://login.example.test' });
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', GCP_SECRET_MANAGER_ENDPOINT: '127.0.0.1:9443', GCP_SECRET_MANAGER_INSECURE: 'true' }).destinations.gcp).toEqual({
      apiEndpoint: '127.0.0.1',
      port: 9443,
      insecure: true,
    });
    expect(loadConfig({ SYNC_STATIC_TOKENS: 't', GITHUB_API_URL: 'https://ghe.example.com/api/v3' }).destinations.github.apiBaseUrl).toBe('https://ghe.example.com/api/v3');
    expect(problemsOf({ SYNC_STATIC_TOKENS: 't', VERCEL_API_URL: 'not a url' })).toContain('VERCEL_API_URL');
  });
});
