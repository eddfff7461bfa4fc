import { DestinationReadShape } from '@vault-sync/destinations-core';
import { DestinationRef } from '@vault-sync/domain';
import {
  DeleteOutcome,
  DestinationMessage,
  ListDestinationsResponse,
  SecretsListMessage,
  SyncConfigMessage,
  jsonToStruct,
} from '@vault-sync/grpc-contract';
import { GlobalSyncConfig } from '@vault-sync/store';
import { DeleteOutcome as ServiceDeleteOutcome, SecretsView } from '@vault-sync/sync-service';

/**
 * The services' answers as SecretsSync messages. The association documents already have the messages' shape
 * (both follow Vault's field names), so they go out as they are.
 */
export function toDestinationMessage(shape: DestinationReadShape): DestinationMessage {
  return {
    name: shape.name,
    type: shape.type,
    connection_details: jsonToStruct(shape.connection_details),
    options: jsonToStruct(shape.options),
    ...(shape.purge_initiated_at === undefined ? {} : { purge_initiated_at: shape.purge_initiated_at }),
    ...(shape.purge_error === undefined ? {} : { purge_error: shape.purge_error }),
  };
}

export function toDestinationList(destinations: readonly DestinationRef[]): ListDestinationsResponse {
  return { destinations: destinations.map(({ type, name }) => ({ type, name })), total_destinations: destinations.length };
}

export function toDeleteOutcome(outcome: ServiceDeleteOutcome): DeleteOutcome {
  return outcome === 'deleted' ? DeleteOutcome.Deleted : DeleteOutcome.Purging;
}

export function toSecretsList(view: SecretsView): SecretsListMessage {
  return {
    secrets: view.keys.flatMap((key) => (view.key_info[key] ?? []).map(({ mount, secret_path }) => ({ key, mount, secret_path }))),
    total_associations: view.total_associations,
    total_secrets: view.total_secrets,
  };
}

export function toSyncConfigMessage(config: GlobalSyncConfig): SyncConfigMessage {
  return { disabled: config.disabled, queue_capacity: config.queueCapacity };
}
