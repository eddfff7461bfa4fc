import { AzureAuthorityHosts, ClientSecretCredential, ManagedIdentityCredential, TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { ClientSideError, ErrorCode } from '@vault-sync/domain';
import { GUID_PATTERN } from '../azure-kv.constants';
import { AzureCloud, AzureKvAuth, AzureKvSettings } from './azure-kv-settings';

/** How the worker reaches Azure; every field is for tests and unusual deployments, production needs none. */
export interface AzureKvClientOptions {
  /** Overrides the token authority the destination's `cloud` implies (an emulator, or a private authority). */
  authorityHost?: string;
  /**
   * Extra CA certificates (PEM) for the vault and the authority. In production a custom CA is trusted through
   * Node's own NODE_EXTRA_CA_CERTS; this is for tests, where that variable is read too early to set.
   */
  tlsCa?: string | Buffer;
  /**
   * The SDK checks that the challenge's resource matches the vault's host (`*.vault.azure.net`), so a rogue
   * vault URL cannot obtain a token for another resource. Only an emulator on 127.0.0.1 needs this off.
   */
  disableChallengeResourceVerification?: boolean;
}

/** The Entra ID authority of each Azure environment, as the destination's `cloud` names it. */
export const AUTHORITY_HOSTS: Readonly<Record<AzureCloud, string>> = {
  AzurePublicCloud: AzureAuthorityHosts.AzurePublicCloud,
  AzureUSGovernmentCloud: AzureAuthorityHosts.AzureGovernment,
  AzureChinaCloud: AzureAuthorityHosts.AzureChina,
  AzureGermanCloud: AzureAuthorityHosts.AzureGermany,
};

/**
 * The runtime owns retries: it sees every 429 (to slow the shared rate governor down) and re-queues with
 * backoff, instead of the pipeline retrying silently against the same vault budget (spec §2.5: 3 by default).
 */
const NO_RETRIES = { retryOptions: { maxRetries: 0 } };

function tlsOptionsOf(options: AzureKvClientOptions) {
  return options.tlsCa === undefined ? {} : { tlsOptions: { ca: options.tlsCa } };
}

/** Who the adapter acts as (spec vault-sync-api §4.2). */
export function credentialFor(settings: AzureKvSettings, options: AzureKvClientOptions): TokenCredential {
  const auth: AzureKvAuth = settings.auth;
  const common = { ...NO_RETRIES, ...tlsOptionsOf(options) };
  switch (auth.kind) {
    case 'client-secret':
      return new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret, {
        ...common,
        authorityHost: options.authorityHost ?? AUTHORITY_HOSTS[settings.cloud],
        // A custom authority is not on Microsoft's instance list, so discovery would reject it.
        disableInstanceDiscovery: options.authorityHost !== undefined,
        // The vault's challenge names the tenant by GUID; a tenant given by domain name could never match it.
        additionallyAllowedTenants: GUID_PATTERN.test(auth.tenantId) ? [] : ['*'],
      });
    case 'managed-identity':
      return new ManagedIdentityCredential({ ...common, clientId: auth.clientId });
    case 'workload-identity': {
      const unsupported = new ClientSideError(
        ErrorCode.InvalidConfiguration,
        'workload identity federation (identity_token_audience) is not supported by the azure-kv worker yet',
      );
      return { getToken: () => Promise.reject(unsupported) };
    }
  }
}

export function secretClientFor(settings: AzureKvSettings, options: AzureKvClientOptions): SecretClient {
  return new SecretClient(settings.vaultUrl, credentialFor(settings, options), {
    ...NO_RETRIES,
    ...tlsOptionsOf(options),
    disableChallengeResourceVerification: options.disableChallengeResourceVerification ?? false,
  });
}
