import { WORKLOAD_IDENTITY_CREDENTIAL_FIELDS } from '@vault-sync/destinations-core';

export const AZURE_KV_DISPLAY_NAME = 'Azure Key Vault';

export const AZURE_KV_CREDENTIAL_FIELDS = ['client_secret', ...WORKLOAD_IDENTITY_CREDENTIAL_FIELDS] as const;

export const AZURE_KV_IMMUTABLE_FIELDS = ['key_vault_uri', 'tenant_id', 'cloud'] as const;

/** Sent by old UI versions; accepted and dropped (spec §4.2). */
export const AZURE_KV_IGNORED_FIELDS = ['subscription_id'] as const;

/** Azure environment names as the Azure SDK for Go spells them (its lookup ignores case). */
export const AZURE_CLOUDS = ['AzurePublicCloud', 'AzureUSGovernmentCloud', 'AzureChinaCloud', 'AzureGermanCloud'] as const;

export const AZURE_DEFAULT_CLOUD = 'AzurePublicCloud';

/** Azure's limit on a federated credential audience (spec §4.2: under 600 characters). */
export const AZURE_MAX_AUDIENCE_LENGTH = 599;

/** Entra ID client and tenant ids are GUIDs; a tenant may also be named by one of its domains. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const DOMAIN_PATTERN = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
