import { DestinationKind } from '@vault-sync/domain';
import { SYNC_QUEUES } from './contracts';

/**
 * The BullMQ `prefix` of one destination kind's queue: `{<keyPrefix>:<queue>}`.
 *
 * BullMQ names its keys `<prefix>:<queue>:<suffix>` and its Lua scripts touch several keys of one queue at
 * once, so on Redis Cluster those keys must share a slot: the prefix is a hash tag. One tag per queue spreads the
 * kinds over several slots and keeps queue traffic out of the store's `{<keyPrefix>}` slot. Producer and workers
 * must agree on it, hence this one function.
 */
export function queuePrefix(keyPrefix: string, kind: DestinationKind): string {
  return `{${keyPrefix}:${SYNC_QUEUES[kind]}}`;
}
