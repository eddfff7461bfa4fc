import { DestinationKind, DestinationRef, SecretRef, destinationKey } from '@vault-sync/domain';

export const DEFAULT_KEY_PREFIX = 'vsync';

/**
 * Every Redis key the store uses, built in one place.
 *
 * All keys carry the same hash tag, `{<prefix>}`, so they live in one Redis Cluster slot. That is deliberate:
 * the store's invariants cross destinations and secrets (an association is written together with its
 * destination's association set and its secret's index entry; a destination is deleted together with all its
 * associations and its ledger), so any finer tag would make those transactions cross-slot. The store holds
 * metadata only (no secret values, credentials encrypted), so one slot is not a capacity limit; the BullMQ
 * queues, which carry the traffic, use their own tags.
 *
 * Layout, `T` = `{<prefix>}`:
 *   T:config                               hash    global sync config (sys/sync/config)
 *   T:destinations:<type>                  zset    destination names of one type (score 0: lexical order)
 *   T:destination:<type>/<name>            hash    destination record, credential envelope, revisions
 *   T:destination-associations:<type>/<name> set   association ids of a destination
 *   T:association:<id>                     hash    association record and revision
 *   T:association-sub-keys:<id>            hash    sub key -> entry (secret-key granularity)
 *   T:secret-associations:<accessor>/<path> set    association ids of one source secret
 *   T:ledger:<type>/<name>                 hash    external name -> ownership ledger entry
 *   T:run-lease:<id>                       hash    the lease of the run working on an association (expires)
 *   T:rewrite-mark:<id>                    hash    set when the ledger of an association may not match the destination
 *   T:installation                         string  this installation's id (ownership marks)
 *   T:github-apps                          zset    GitHub app names (score 0: lexical order)
 *   T:github-app:<name>                    hash    GitHub app record (app id, key fingerprint), encrypted private key
 *   T:activation-flags                     set     activated features (sys/activation-flags)
 *
 * Names, paths and ids always come last, after a fixed kind segment, so no key of one kind can equal a key of
 * another whatever characters a path holds. Keys never embed secret values or credentials.
 */
export class StoreKeys {
  readonly hashTag: string;

  constructor(readonly prefix: string = DEFAULT_KEY_PREFIX) {
    if (!/^[A-Za-z0-9_-]+$/.test(prefix)) {
      throw new Error(`invalid store key prefix "${prefix}": use letters, digits, _ and - only`);
    }
    this.hashTag = `{${prefix}}`;
  }

  config(): string {
    return `${this.hashTag}:config`;
  }

  destinationIndex(type: DestinationKind): string {
    return `${this.hashTag}:destinations:${type}`;
  }

  destination(ref: DestinationRef): string {
    return `${this.hashTag}:destination:${destinationKey(ref)}`;
  }

  destinationAssociations(ref: DestinationRef): string {
    return `${this.hashTag}:destination-associations:${destinationKey(ref)}`;
  }

  association(associationId: string): string {
    return `${this.hashTag}:association:${associationId}`;
  }

  associationSubKeys(associationId: string): string {
    return `${this.hashTag}:association-sub-keys:${associationId}`;
  }

  secretAssociations(secret: SecretRef): string {
    return `${this.hashTag}:secret-associations:${secret.mountAccessor}/${secret.secretPath}`;
  }

  ledger(ref: DestinationRef): string {
    return `${this.hashTag}:ledger:${destinationKey(ref)}`;
  }

  runLease(associationId: string): string {
    return `${this.hashTag}:run-lease:${associationId}`;
  }

  rewriteMark(associationId: string): string {
    return `${this.hashTag}:rewrite-mark:${associationId}`;
  }

  installation(): string {
    return `${this.hashTag}:installation`;
  }

  githubAppIndex(): string {
    return `${this.hashTag}:github-apps`;
  }

  githubApp(name: string): string {
    return `${this.hashTag}:github-app:${name}`;
  }

  activationFlags(): string {
    return `${this.hashTag}:activation-flags`;
  }
}
