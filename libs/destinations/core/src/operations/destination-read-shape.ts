import { Destination, DestinationKind, Granularity } from '@vault-sync/domain';
import { NETWORKING_FIELDS } from '../common/common-fields.schema';
import { DestinationTypeSpec } from '../destination-type-spec';
import { CREDENTIAL_MASK } from '../fields/masked-value';

type NetworkingField = (typeof NETWORKING_FIELDS)[number];

export type DestinationReadOptions = {
  /** Named `granularity` on write (spec §3.4). */
  granularity_level: Granularity;
  /** Always the effective template. */
  secret_name_template: string;
  /** Cloud types only; `{}` when none. */
  custom_tags?: Record<string, string>;
  adopt_existing: boolean;
} & Partial<Record<NetworkingField, unknown>>;

/** A destination as Vault's API shows it (spec §3.4). */
export interface DestinationReadShape {
  name: string;
  type: DestinationKind;
  connection_details: Record<string, unknown>;
  options: DestinationReadOptions;
  purge_initiated_at?: string;
  purge_error?: string;
}

/**
 * The read shape of `destination`, also the answer to a create or update. Every credential that is set shows as
 * `*****`; one left empty (ambient credentials) is omitted [I]. Works on a destination whose credentials the store
 * already masked. Networking fields go under `options` (spec §3.4 recommendation), `identity_token_ttl` stays
 * in seconds.
 */
export function destinationReadShape(spec: DestinationTypeSpec, destination: Destination): DestinationReadShape {
  const { options } = destination;
  const networking: Partial<Record<NetworkingField, unknown>> = {};
  const details: Record<string, unknown> = {};
  const nested: Record<string, Record<string, unknown>> = {};
  for (const field of Object.keys(destination.credentials)) details[field] = CREDENTIAL_MASK;
  for (const [field, value] of Object.entries(destination.connection)) {
    const parent = spec.nestedReadFields[field];
    if (isNetworkingField(field)) networking[field] = value;
    else if (parent === undefined) details[field] = value;
    else nested[parent] = { ...nested[parent], [field]: value };
  }
  return {
    name: destination.name,
    type: destination.type,
    connection_details: { ...details, ...nested },
    options: {
      granularity_level: options.granularity,
      secret_name_template: options.secretNameTemplate,
      ...(spec.supportsCustomTags ? { custom_tags: { ...options.customTags } } : {}),
      adopt_existing: options.adoptExisting,
      disable_strict_networking: false,
      ...networking,
    },
    ...(destination.purgeInitiatedAt === undefined ? {} : { purge_initiated_at: destination.purgeInitiatedAt }),
    ...(destination.purgeError === undefined ? {} : { purge_error: destination.purgeError }),
  };
}

function isNetworkingField(field: string): field is NetworkingField {
  return (NETWORKING_FIELDS as readonly string[]).includes(field);
}
