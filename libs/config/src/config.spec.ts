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

  it('never echoes a token value in a problem report', () => {
    const message = problemsOf({ SYNC_STATIC_TOKENS: 'super-secret-token', REDIS_URL: 'nope' });
    expect(message).not.toContain('super-secret-token');
  });
});
