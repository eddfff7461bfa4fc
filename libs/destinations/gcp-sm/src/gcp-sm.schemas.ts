import {
  DestinationTypeSpec,
  TextFormat,
  isSet,
  keyValuePairsField,
  listField,
  matching,
  mutuallyExclusive,
  optionalText,
  report,
  reportSentence,
  requires,
  workloadIdentityFields,
} from '@vault-sync/destinations-core';
import { z } from 'zod';
import {
  GCP_SERVICE_ACCOUNT_EMAIL_PATTERN,
  GCP_KMS_KEY_PATTERN,
  GCP_LOCATION_PATTERN,
  GCP_PROJECT_ID_PATTERN,
  GCP_SM_CREDENTIAL_FIELDS,
  GCP_SM_DEPRECATED_FIELDS,
  GCP_SM_DISPLAY_NAME,
  GCP_SM_IMMUTABLE_FIELDS,
} from './gcp-sm.constants';

const LOCATION_RULE = 'must be a GCP region such as us-east1';
const KMS_KEY_RULE = 'must be a Cloud KMS key: projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>';
const location = z.string().regex(GCP_LOCATION_PATTERN, LOCATION_RULE);

function keyLocation(key: string): string | undefined {
  return GCP_KMS_KEY_PATTERN.exec(key)?.[1];
}

/** A service account key file, or another credentials JSON google-auth reads; never echoed. */
const credentialsJson: TextFormat = {
  test: (value) => {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  },
  rule: 'must be a credentials JSON object (e.g. a service account key file), sent as a string',
};

/**
 * gcp-sm fields (spec §4.3). Authentication: `credentials`, else workload identity when `identity_token_audience`
 * is set, else Application Default Credentials. The 2.2 fields `kms_key_id` and `replica_regions` exclude each
 * other and the deprecated ones, as in Terraform.
 */
export const gcpSmFieldsSchema = z
  .strictObject({
    credentials: optionalText(credentialsJson),
    project_id: optionalText(matching(GCP_PROJECT_ID_PATTERN, 'must be a GCP project id: 6-30 lower-case letters, digits or -, starting with a letter')),
    ...workloadIdentityFields,
    service_account_email: optionalText(matching(GCP_SERVICE_ACCOUNT_EMAIL_PATTERN, 'must be a service account email address')),
    replication_locations: listField(location).optional(),
    global_kms_key: optionalText(matching(GCP_KMS_KEY_PATTERN, KMS_KEY_RULE)),
    locational_kms_keys: keyValuePairsField(location, z.string().regex(GCP_KMS_KEY_PATTERN, `values ${KMS_KEY_RULE}`)).optional(),
    kms_key_id: optionalText({
      test: (key) => keyLocation(key) === 'global',
      rule: 'must be a Cloud KMS key in the global location: projects/<project>/locations/global/keyRings/<ring>/cryptoKeys/<key>',
    }),
    // Location → key in that location, or "" for a Google-managed key.
    replica_regions: keyValuePairsField(
      location,
      z.string().refine((key) => key === '' || GCP_KMS_KEY_PATTERN.test(key), `values ${KMS_KEY_RULE}, or ""`),
    ).optional(),
  })
  .superRefine((fields, ctx) => {
    mutuallyExclusive(ctx, fields, 'credentials', 'identity_token_audience');
    requires(ctx, fields, 'identity_token_audience', 'service_account_email', ' (the service account to impersonate)');
    mutuallyExclusive(ctx, fields, 'kms_key_id', 'replica_regions');
    for (const current of ['kms_key_id', 'replica_regions'] as const) {
      for (const deprecated of GCP_SM_DEPRECATED_FIELDS) {
        if (isSet(fields[current]) && isSet(fields[deprecated])) {
          reportSentence(ctx, current, `${current} cannot be combined with the deprecated ${deprecated}`);
        }
      }
    }
    mutuallyExclusive(ctx, fields, 'global_kms_key', 'replication_locations');
    mutuallyExclusive(ctx, fields, 'global_kms_key', 'locational_kms_keys');
    requires(ctx, fields, 'locational_kms_keys', 'replication_locations');
    for (const [locationId, key] of Object.entries(fields.locational_kms_keys ?? {})) {
      if (fields.replication_locations !== undefined && !fields.replication_locations.includes(locationId)) {
        report(ctx, 'locational_kms_keys', `${locationId} is not one of replication_locations`);
      }
      if (keyLocation(key) !== locationId) report(ctx, 'locational_kms_keys', `the key for ${locationId} must be in ${locationId}`);
    }
    const replicaKeys = Object.entries(fields.replica_regions ?? {});
    if (new Set(replicaKeys.map(([, key]) => key === '')).size > 1) {
      report(ctx, 'replica_regions', 'either every location has a KMS key or none has');
    }
    for (const [locationId, key] of replicaKeys) {
      if (key !== '' && keyLocation(key) !== locationId) report(ctx, 'replica_regions', `the key for ${locationId} must be in ${locationId}`);
    }
  });

export type GcpSmFields = z.output<typeof gcpSmFieldsSchema>;

export const GCP_SM_DESTINATION_TYPE: DestinationTypeSpec = {
  kind: 'gcp-sm',
  displayName: GCP_SM_DISPLAY_NAME,
  fieldsSchema: gcpSmFieldsSchema,
  credentialFields: GCP_SM_CREDENTIAL_FIELDS,
  immutableFields: GCP_SM_IMMUTABLE_FIELDS,
  updateRules: [],
  supportsCustomTags: true,
  ignoredFields: [],
  nestedReadFields: {},
};
