import { durationSecondsField } from '../fields/duration.field';
import { optionalText } from '../fields/text.field';

export const DEFAULT_IDENTITY_TOKEN_TTL_SECONDS = 3600;

/** Workload identity federation fields shared by aws-sm, azure-kv and gcp-sm (spec §4.7). */
export const workloadIdentityFields = {
  identity_token_audience: optionalText(),
  identity_token_key: optionalText(),
  identity_token_ttl: durationSecondsField.default(DEFAULT_IDENTITY_TOKEN_TTL_SECONDS),
};

/** Both are masked on read (spec §3.4); `identity_token_ttl` is not, and reads back as seconds. */
export const WORKLOAD_IDENTITY_CREDENTIAL_FIELDS = ['identity_token_audience', 'identity_token_key'] as const;
