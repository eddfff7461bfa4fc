import { DestinationRef } from './destination';
import { SecretRef } from './association';

/** What we wrote to a destination object: the ownership ledger entry (one per external object). */
export interface LedgerEntry {
  destination: DestinationRef;
  /** The external object name we wrote. */
  externalName: string;
  /** The destination's own identifier (ARN, resource id, env var id) when it has one. */
  externalId?: string;
  source: SecretRef & { subKey?: string };
  vaultVersion: number;
  /** SHA-256 (hex) over the exact bytes written; lets a run skip an unchanged write. */
  fingerprint: string;
  writtenAt: string;
}
