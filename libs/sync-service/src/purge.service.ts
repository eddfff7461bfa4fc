import { DestinationRef, SecretRef, associationName } from '@vault-sync/domain';
import { AssociationRepository, DestinationInUseError, DestinationNotFoundError, DestinationRepository } from '@vault-sync/store';
import { RemovalDependencies, queueAssociationRemoval } from './association-removal';
import { QueueCapacityGuard } from './queue-capacity.guard';

export type PurgeProgress =
  /** The destination is gone. */
  | 'deleted'
  /** Unsyncs are still outstanding (or one failed: see `purge_error`). */
  | 'pending'
  /** No purge was started on this destination. */
  | 'not-purging'
  /** The destination does not exist (any more). */
  | 'absent';

export type PurgeDependencies = RemovalDependencies & {
  destinations: Pick<DestinationRepository, 'getMasked' | 'markPurgeInitiated' | 'recordPurgeError' | 'delete'>;
  associations: Pick<AssociationRepository, 'listByDestination' | 'applyEvent'>;
  capacity: QueueCapacityGuard;
};

/**
 * `DELETE ...?purge=true` (spec §3.5): mark the destination, queue an unsync-and-remove of every association,
 * and delete the destination when the last association is gone. Workers report back through
 * {@link PurgeService.completePurgeIfDone} (after each removal) and {@link PurgeService.recordUnsyncFailure}.
 * A DELETE with purge on a destination already purging re-queues what is left, which is how a failed purge is
 * retried.
 */
export class PurgeService {
  constructor(private readonly deps: PurgeDependencies) {}

  async start(ref: DestinationRef): Promise<'deleted' | 'pending'> {
    if ((await this.deps.destinations.getMasked(ref)) === undefined) throw new DestinationNotFoundError(ref);
    await this.deps.capacity.assertRoomFor((await this.deps.associations.listByDestination(ref)).length);
    // Marked first: from here on the store refuses new associations, so the list below is complete.
    await this.deps.destinations.markPurgeInitiated(ref);
    for (const association of await this.deps.associations.listByDestination(ref)) {
      await queueAssociationRemoval(this.deps, association);
    }
    const progress = await this.completePurgeIfDone(ref);
    return progress === 'deleted' ? 'deleted' : 'pending';
  }

  /** For the worker, after an unsync removed an association: deletes a purging destination left empty. */
  async completePurgeIfDone(ref: DestinationRef): Promise<PurgeProgress> {
    const destination = await this.deps.destinations.getMasked(ref);
    if (destination === undefined) return 'absent';
    if (destination.purgeInitiatedAt === undefined) return 'not-purging';
    try {
      return (await this.deps.destinations.delete(ref)) ? 'deleted' : 'absent';
    } catch (err) {
      if (err instanceof DestinationInUseError) return 'pending';
      throw err;
    }
  }

  /**
   * For the worker, when an unsync of a purging destination's association has failed for good (last attempt or
   * unrecoverable): records `purge_error`; the destination and the failed association stay (spec §3.5).
   * `false` when the destination is not being purged.
   */
  async recordUnsyncFailure(ref: DestinationRef, secret: SecretRef, message: string): Promise<boolean> {
    const destination = await this.deps.destinations.getMasked(ref);
    if (destination?.purgeInitiatedAt === undefined) return false;
    try {
      await this.deps.destinations.recordPurgeError(ref, `unsync of ${associationName(secret)} failed: ${message}`);
      return true;
    } catch (err) {
      if (err instanceof DestinationNotFoundError) return false; // deleted meanwhile (force_delete)
      throw err;
    }
  }
}
