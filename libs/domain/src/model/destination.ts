import { DestinationKind, Granularity } from '../destinations/destination-kind';

/** Identity of a destination: the pair (type, name) (spec §1). */
export interface DestinationRef {
  type: DestinationKind;
  name: string;
}

export function destinationKey(ref: DestinationRef): string {
  return `${ref.type}/${ref.name}`;
}

export interface DestinationOptions {
  granularity: Granularity;
  /** The effective template: the type default when the user gave none. */
  secretNameTemplate: string;
  customTags: Record<string, string>;
  /** Allow overwriting or deleting an existing external object that carries no vault-sync ownership marker. */
  adoptExisting: boolean;
}

/**
 * A destination as the service works with it. `connection` holds non-secret connection details; `credentials`
 * holds the write-only fields (tokens, keys) which the store keeps encrypted and the API masks.
 */
export interface Destination extends DestinationRef {
  connection: Record<string, unknown>;
  credentials: Record<string, string>;
  options: DestinationOptions;
  createdAt: string;
  updatedAt: string;
  purgeInitiatedAt?: string;
  purgeError?: string;
}
