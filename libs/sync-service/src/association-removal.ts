import { Association, SyncEvent, associationId } from '@vault-sync/domain';
import { SyncJobProducer } from '@vault-sync/jobs';
import { AssociationNotFoundError, AssociationRepository } from '@vault-sync/store';
import { associationJobRef } from './association-job-ref';

export type RemovalDependencies = {
  associations: Pick<AssociationRepository, 'applyEvent'>;
  queues: Pick<SyncJobProducer, 'enqueueUnsync'>;
};

/**
 * `associations/remove` and purge: QUEUE_UNSYNC with removal once unsynced, then the unsync job. The store
 * deletes the association in the same write as the successful unsync. `false` when it was already gone.
 */
export async function queueAssociationRemoval(deps: RemovalDependencies, association: Association): Promise<boolean> {
  const id = associationId(association.destination, association);
  let queued: Association;
  try {
    ({ association: queued } = await deps.associations.applyEvent(id, SyncEvent.QueueUnsync, { removeWhenUnsynced: true }));
  } catch (err) {
    if (err instanceof AssociationNotFoundError) return false;
    throw err;
  }
  await deps.queues.enqueueUnsync(associationJobRef(queued), queued.generation, true, 'api');
  return true;
}
