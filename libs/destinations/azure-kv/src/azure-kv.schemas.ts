import {
  DestinationTypeSpec,
  choiceFieldWithDefault,
  matching,
  mutuallyExclusive,
  optionalText,
  requiredText,
  urlFormat,
  workloadIdentityFields,
} from '@vault-sync/destinations-core';
import { z } from 'zod';
import {
  AZURE_CLOUDS,
  AZURE_DEFAULT_CLOUD,
  AZURE_KV_CREDENTIAL_FIELDS,
  AZURE_KV_DISPLAY_NAME,
  AZURE_KV_IGNORED_FIELDS,
  AZURE_KV_IMMUTABLE_FIELDS,
  AZURE_MAX_AUDIENCE_LENGTH,
  DOMAIN_PATTERN,
  GUID_PATTERN,
} from './azure-kv.constants';

/**
 * azure-kv fields (spec §4.2). Authentication order: `client_secret`, else workload identity when
 * `identity_token_audience` is set, else the managed identity.
 */
export const azureKvFieldsSchema = z
  .strictObject({
    key_vault_uri: requiredText(urlFormat(['https'])),
    client_id: requiredText(matching(GUID_PATTERN, 'must be a GUID (the app registration client id)')),
    client_secret: optionalText(),
    tenant_id: requiredText({
      test: (value) => GUID_PATTERN.test(value) || DOMAIN_PATTERN.test(value),
      rule: 'must be a tenant GUID or domain name',
    }),
    cloud: choiceFieldWithDefault(AZURE_CLOUDS, AZURE_DEFAULT_CLOUD, { ignoreCase: true }),
    ...workloadIdentityFields,
    identity_token_audience: optionalText().refine(
      (audience) => audience === undefined || audience.length <= AZURE_MAX_AUDIENCE_LENGTH,
      `must be under ${AZURE_MAX_AUDIENCE_LENGTH + 1} characters`,
    ),
  })
  .superRefine((fields, ctx) => mutuallyExclusive(ctx, fields, 'client_secret', 'identity_token_audience'));

export type AzureKvFields = z.output<typeof azureKvFieldsSchema>;

export const AZURE_KV_DESTINATION_TYPE: DestinationTypeSpec = {
  kind: 'azure-kv',
  displayName: AZURE_KV_DISPLAY_NAME,
  fieldsSchema: azureKvFieldsSchema,
  credentialFields: AZURE_KV_CREDENTIAL_FIELDS,
  immutableFields: AZURE_KV_IMMUTABLE_FIELDS,
  updateRules: [],
  supportsCustomTags: true,
  ignoredFields: AZURE_KV_IGNORED_FIELDS,
  nestedReadFields: {},
};
