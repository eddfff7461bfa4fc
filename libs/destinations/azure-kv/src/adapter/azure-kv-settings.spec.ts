import { azureKvDestination, CLIENT_ID, TENANT_ID } from './__fixtures__/azure-kv-destinations';
import { AZURE_KV_WRITE_TPS, azureKvRateLimitDomain } from './azure-kv-rate-limit';
import { azureKvSettingsOf } from './azure-kv-settings';
import { AUTHORITY_HOSTS } from './azure-kv-clients';

describe('azure-kv settings', () => {
  it('reads the vault URL without a trailing slash, the cloud and the client secret', () => {
    const settings = azureKvSettingsOf(azureKvDestination('prod', { key_vault_uri: 'https://my-vault.vault.azure.net/', cloud: 'azurechinacloud' }));
    expect(settings).toEqual({
      vaultUrl: 'https://my-vault.vault.azure.net',
      cloud: 'AzureChinaCloud',
      auth: { kind: 'client-secret', tenantId: TENANT_ID, clientId: CLIENT_ID, clientSecret: 'test-client-secret' },
    });
    expect(AUTHORITY_HOSTS[settings.cloud]).toBe('https://login.chinacloudapi.cn');
  });

  it('falls back to workload identity, then to the managed identity of client_id', () => {
    const federated = azureKvDestination('prod', { client_secret: '', identity_token_audience: 'api://AzureADTokenExchange' });
    expect(azureKvSettingsOf(federated).auth).toEqual({ kind: 'workload-identity' });
    expect(azureKvSettingsOf(azureKvDestination('prod', { client_secret: '' })).auth).toEqual({ kind: 'managed-identity', clientId: CLIENT_ID });
  });
});

describe('azure-kv rate-limit domain', () => {
  it('gives each vault one budget at the create quota, whoever calls', () => {
    const domain = azureKvRateLimitDomain(azureKvSettingsOf(azureKvDestination('a')));
    expect(domain).toEqual({ key: 'azure-kv:my-vault.vault.azure.net', requestsPerSecond: AZURE_KV_WRITE_TPS, burst: AZURE_KV_WRITE_TPS });
    const sameVault = azureKvDestination('b', { key_vault_uri: 'https://MY-VAULT.vault.azure.net/', client_id: '0f5c7b8e-1d3a-4e6f-9a0b-c1d2e3f4a5b6' });
    expect(azureKvRateLimitDomain(azureKvSettingsOf(sameVault)).key).toBe(domain.key);
    const otherVault = azureKvDestination('c', { key_vault_uri: 'https://other.vault.azure.net' });
    expect(azureKvRateLimitDomain(azureKvSettingsOf(otherVault)).key).not.toBe(domain.key);
  });
});
