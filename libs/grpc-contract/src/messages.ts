import { StructMessage } from './struct';

/**
 * The messages of `vaultsync/v1/secrets_sync.proto` as objects, with the loader options of
 * {@link PROTO_LOADER_OPTIONS} (field names as in the .proto). Requests are typed as they arrive decoded; a field
 * the sender left out arrives as its default. `proto-contract.spec.ts` checks these names against the .proto.
 */
export interface DestinationRef {
  type: string;
  name: string;
}

export interface WriteDestinationRequest extends DestinationRef {
  config?: StructMessage | null;
}

export interface PatchDestinationRequest extends DestinationRef {
  patch?: StructMessage | null;
}

export interface DestinationMessage {
  name: string;
  type: string;
  connection_details: StructMessage;
  options: StructMessage;
  purge_initiated_at?: string;
  purge_error?: string;
}

export interface ListDestinationsRequest {
  /** Empty: every type. */
  type: string;
}

export interface ListDestinationsResponse {
  destinations: DestinationRef[];
  total_destinations: number;
}

export interface DeleteDestinationRequest extends DestinationRef {
  purge: boolean;
  force_delete: boolean;
}

export const DeleteOutcome = {
  Deleted: 'DELETE_OUTCOME_DELETED',
  Purging: 'DELETE_OUTCOME_PURGING',
} as const;
export type DeleteOutcome = (typeof DeleteOutcome)[keyof typeof DeleteOutcome];

export interface DeleteDestinationResponse {
  outcome: DeleteOutcome;
}

export interface AssociationRequest extends DestinationRef {
  mount: string;
  secret_name: string;
}

export interface AssociatedSecretMessage {
  accessor: string;
  secret_name: string;
  sub_key?: string;
  sync_status: string;
  updated_at: string;
  last_error?: string;
  last_error_code?: string;
  last_operation?: string;
}

export interface DestinationAssociationsMessage {
  store_name: string;
  store_type: string;
  associated_secrets: Record<string, AssociatedSecretMessage>;
}

export interface SecretRef {
  mount: string;
  secret_name: string;
}

export interface AssociatedDestinationMessage {
  type: string;
  name: string;
  sync_status: string;
  updated_at: string;
  sub_keys?: Record<string, string>;
}

export interface SecretDestinationsMessage {
  associated_destinations: Record<string, AssociatedDestinationMessage>;
}

export type ListSecretsRequest = Record<string, never>;

export interface SecretPathMessage {
  key: string;
  mount: string;
  secret_path: string;
}

export interface SecretsListMessage {
  secrets: SecretPathMessage[];
  total_associations: number;
  total_secrets: number;
}

export type GetConfigRequest = Record<string, never>;
export type ResetConfigRequest = Record<string, never>;

/** Proto3 `optional` fields: present only when the sender set them. */
export interface PatchConfigRequest {
  disabled?: boolean;
  queue_capacity?: number;
}

export interface SyncConfigMessage {
  disabled: boolean;
  queue_capacity: number;
}

/** The RPCs of the SecretsSync service, as named in the .proto. */
export const SecretsSyncMethod = {
  WriteDestination: 'WriteDestination',
  PatchDestination: 'PatchDestination',
  ReadDestination: 'ReadDestination',
  ListDestinations: 'ListDestinations',
  DeleteDestination: 'DeleteDestination',
  SetAssociation: 'SetAssociation',
  RemoveAssociation: 'RemoveAssociation',
  ListAssociations: 'ListAssociations',
  GetSecretDestinations: 'GetSecretDestinations',
  ListSecrets: 'ListSecrets',
  GetConfig: 'GetConfig',
  PatchConfig: 'PatchConfig',
  ResetConfig: 'ResetConfig',
} as const;
export type SecretsSyncMethod = (typeof SecretsSyncMethod)[keyof typeof SecretsSyncMethod];
