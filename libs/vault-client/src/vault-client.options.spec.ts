import { ConfigurationError } from '@vault-sync/domain';
import { parseVaultClientOptions } from './vault-client.options';

describe('parseVaultClientOptions', () => {
  it('applies defaults for timeouts, retries, the mount cache and the AppRole mount', () => {
    expect(parseVaultClientOptions({ address: 'https://vault.test:8200', auth: { method: 'approle', roleId: 'r', secretId: 's' } })).toEqual({
      address: 'https://vault.test:8200',
      auth: { method: 'approle', roleId: 'r', secretId: 's', mountPath: 'approle' },
      requestTimeoutMs: 10_000,
      retry: { maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 },
      mountCacheTtlMs: 60_000,
    });
  });

  it('names every bad field without echoing values', () => {
    const parse = () =>
      parseVaultClientOptions({ address: 'ftp://vault.test', auth: { method: 'token', token: '' }, retry: { maxAttempts: 0 }, extra: 'hvs.leaked' } as never);
    expect(parse).toThrow(ConfigurationError);
    expect(parse).toThrow(/^invalid Vault client options: address: .*; auth\.token: .*; retry\.maxAttempts: .*; options: Unrecognized key: "extra"$/);
    expect(parse).not.toThrow(/hvs\.leaked/);
  });
});
