import { AWS_SM_DESTINATION_TYPE } from '@vault-sync/destination-aws-sm';
import { AZURE_KV_DESTINATION_TYPE } from '@vault-sync/destination-azure-kv';
import { GCP_SM_DESTINATION_TYPE } from '@vault-sync/destination-gcp-sm';
import { GH_DESTINATION_TYPE } from '@vault-sync/destination-gh';
import { VERCEL_PROJECT_DESTINATION_TYPE } from '@vault-sync/destination-vercel-project';
import { DestinationTypeSpec } from '@vault-sync/destinations-core';
import { DestinationKind } from '@vault-sync/domain';

/**
 * Every destination type's spec, for the generic operations of `@vault-sync/destinations-core`
 * (`createDestinationInput(DESTINATION_TYPES[kind], name, body)` …). Dependencies point one way: core ← each
 * kind's library ← this registry, so core never knows the kinds and a kind missing here fails to compile.
 */
export const DESTINATION_TYPES: Readonly<Record<DestinationKind, DestinationTypeSpec>> = {
  'aws-sm': AWS_SM_DESTINATION_TYPE,
  'azure-kv': AZURE_KV_DESTINATION_TYPE,
  'gcp-sm': GCP_SM_DESTINATION_TYPE,
  gh: GH_DESTINATION_TYPE,
  'vercel-project': VERCEL_PROJECT_DESTINATION_TYPE,
};
