import { DestinationKind } from '../destinations/destination-kind';

/** UTF-8 byte bounds of one value at a destination (spec §4, destination-protocols.md). */
export interface ValueSizeLimit {
  readonly minBytes: number;
  readonly maxBytes: number;
  /** The limit as the destination documents it, for messages. */
  readonly documented: string;
}

const KIB = 1024;

export const VALUE_SIZE_LIMITS: Readonly<Record<DestinationKind, ValueSizeLimit>> = {
  // SecretString is 1–65,536 bytes: AWS refuses an empty value.
  'aws-sm': { minBytes: 1, maxBytes: 64 * KIB, documented: '65,536 bytes' },
  // "25 KB" read as 25 KiB [I].
  'azure-kv': { minBytes: 0, maxBytes: 25 * KIB, documented: '25 KB' },
  'gcp-sm': { minBytes: 0, maxBytes: 64 * KIB, documented: '64 KiB' },
  gh: { minBytes: 0, maxBytes: 48 * KIB, documented: '48 KB' },
  // Vercel caps all variables of a deployment at 64 KB together, so one value can be 64 KB at most [I].
  'vercel-project': { minBytes: 0, maxBytes: 64 * KIB, documented: '64 KB' },
};
