import { Destination } from '@vault-sync/domain';
import { z } from 'zod';
import { AZURE_CLOUDS, AZURE_DEFAULT_CLOUD } from '../azure-kv.constants';

export type AzureCloud = (typeof AZURE_CLOUDS)[number];

/** Who the adapter acts as, in the order spec §4.2 gives: a client secret, else workload identity, else managed identity. */
export type AzureKvAuth =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'workload-identity' }
  | { kind: 'managed-identity'; clientId: string };

/** What the adapter needs from a stored azure-kv destination, typed. */
export interface AzureKvSettings {
  /** The vault's URL without a trailing slash, e.g. `https://my-vault.vault.azure.net`. */
  vaultUrl: string;
  cloud: AzureCloud;
  auth: AzureKvAuth;
}

const connectionSchema = z.looseObject({
  key_vault_uri: z.string().min(1),
  tenant_id: z.string().min(1),
  client_id: z.string().min(1),
  cloud: z.enum(AZURE_CLOUDS).default(AZURE_DEFAULT_CLOUD),
});

const credentialsSchema = z.looseObject({
  client_secret: z.string().optional(),
  identity_token_audience: z.string().optional(),
});

/** Reads the stored destination; the API validated it on write, so a failure here is a stored-data bug. */
export function azureKvSettingsOf(destination: Destination): AzureKvSettings {
  const connection = connectionSchema.parse(destination.connection);
  const credentials = credentialsSchema.parse(destination.credentials);
  return {
    vaultUrl: connection.key_vault_uri.replace(/\/+$/, ''),
    cloud: connection.cloud,
    auth: authOf(connection, credentials),
  };
}

function authOf(connection: z.output<typeof connectionSchema>, credentials: z.output<typeof credentialsSchema>): AzureKvAuth {
  if (credentials.client_secret) {
    return { kind: 'client-secret', tenantId: connection.tenant_id, clientId: connection.client_id, clientSecret: credentials.client_secret };
  }
  if (credentials.identity_token_audience) return { kind: 'workload-identity' };
  return { kind: 'managed-identity', clientId: connection.client_id };
}
