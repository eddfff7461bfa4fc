import { Destination } from '../model/destination';
import { DestinationKind } from './destination-kind';

/**
 * Ownership marks we attach to every object we write, where the destination can carry them (tags, labels,
 * comments). Keys are the logical marks; each adapter maps them to its destination's tag rules (spec §9).
 */
export interface OwnershipMarks {
  /** `<type>/<name>` of the destination that wrote the object. */
  destination: string;
  /** `<accessor>/<path>[/<key>]` of the Vault secret the object holds. */
  source: string;
  /** The installation that wrote it, so two vault-sync deployments never clobber each other. */
  owner: string;
}

export const OWNERSHIP_MARK_NAMES: readonly (keyof OwnershipMarks)[] = ['destination', 'source', 'owner'];

/** The object carries exactly these marks: it was written by this association of this installation. */
export function carriesMarks(found: Partial<OwnershipMarks> | undefined, ours: OwnershipMarks): boolean {
  return OWNERSHIP_MARK_NAMES.every((mark) => found?.[mark] === ours[mark]);
}

/** One object the worker wants to exist in the destination, with the exact value to store. */
export interface DesiredObject {
  /** The rendered, normalised and validated external name. */
  name: string;
  /** The exact string to store; its fingerprint is what the ledger records. */
  value: string;
  marks: OwnershipMarks;
  /** `custom_tags` of the destination, for destinations that support tags. */
  customTags: Readonly<Record<string, string>>;
}

/** What the destination tells about an existing object, never its value. */
export interface ExistingObject {
  name: string;
  /** The destination's identifier (ARN, resource name, env var id) when it has one. */
  externalId?: string;
  /**
   * The ownership marks found on the object; `undefined` when the destination cannot carry marks (GitHub),
   * in which case the ownership ledger alone decides.
   */
  marks?: Partial<OwnershipMarks>;
  /** The name is held by an object pending deletion (AWS scheduled deletion, Azure soft delete). */
  pendingDeletion: boolean;
}

export interface WriteOutcome {
  externalId?: string;
  /** The write created the object (rather than updating it). */
  created: boolean;
}

/**
 * One destination's external system, as the worker runtime sees it. Adapters throw `VaultSyncError`
 * subclasses (ExternalServiceError / ClientSideError with `retryable` and `retryAfterMs`), classified from the
 * SDK's errors; messages name objects, never values.
 */
export interface DestinationAdapter {
  /** Looks an object up by external name; `undefined` when nothing (not even a pending deletion) holds it. */
  inspect(name: string): Promise<ExistingObject | undefined>;
  /** Creates or updates the object (restoring a pending deletion first where the destination needs it). */
  write(object: DesiredObject, existing: ExistingObject | undefined): Promise<WriteOutcome>;
  /** Deletes the object; an object that is already gone is success. */
  remove(existing: ExistingObject): Promise<void>;
  /** Releases clients and sockets. */
  close(): Promise<void>;
}

/** A shared request budget: every destination with the same `key` spends from one token bucket. */
export interface RateLimitDomain {
  key: string;
  /** Sustained requests per second the destination publishes for this domain. */
  requestsPerSecond: number;
  burst: number;
}

/** Creates adapters for one destination kind; the destination arrives with its credentials decrypted. */
export interface DestinationAdapterFactory {
  readonly kind: DestinationKind;
  create(destination: Destination): DestinationAdapter;
  rateLimitDomain(destination: Destination): RateLimitDomain;
}
