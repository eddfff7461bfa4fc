import { WORKLOAD_IDENTITY_CREDENTIAL_FIELDS } from '@vault-sync/destinations-core';

export const GCP_SM_DISPLAY_NAME = 'GCP Secret Manager';

export const GCP_SM_CREDENTIAL_FIELDS = ['credentials', ...WORKLOAD_IDENTITY_CREDENTIAL_FIELDS] as const;

export const GCP_SM_IMMUTABLE_FIELDS = ['project_id'] as const;

/** Deprecated in Vault 2.2 in favour of `kms_key_id` and `replica_regions`; still accepted (spec §4.3). */
export const GCP_SM_DEPRECATED_FIELDS = ['replication_locations', 'global_kms_key', 'locational_kms_keys'] as const;

/** Project ids are 6-30 characters; old domain-scoped projects carry a `domain:` prefix. */
export const GCP_PROJECT_ID_PATTERN = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Secret Manager replica locations are regions such as us-east1 or europe-west4. */
export const GCP_LOCATION_PATTERN = /^[a-z]+-[a-z]+\d+$/;

/** A Cloud KMS crypto key; group 1 is its location. */
export const GCP_KMS_KEY_PATTERN = /^projects\/[^/]+\/locations\/([^/]+)\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** A service account address such as sync@my-project.iam.gserviceaccount.com. */
export const GCP_SERVICE_ACCOUNT_EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
