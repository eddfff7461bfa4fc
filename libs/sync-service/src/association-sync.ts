import { Association, SyncEvent, associationId } from '@vault-sync/domain';
import { EnqueuedJob, JobTrigger, SyncJobProducer } from '@vault-sync/jobs';
import { AssociationNotFoundError, AssociationRepository } from '@vault-sync/store';
import { associationJobRef } from './association-job-ref';

export type SyncQueueingDependencies = {
  associations: Pick<AssociationRepository, 'applyEvent'>;
  queues: Pick<SyncJobProducer, 'enqueueSync'>;
};

/**
 * A change at the source (or a reconcile) for an existing association: QUEUE_SYNC, then the sync job under the
 * generation that event started. The job coalesces with one already waiting for the association, which reads
 * the latest state when it runs. An association being removed is left alone: its queued unsync must win, and a
 * sync would turn the removal back into a write. `undefined` when nothing was queued (removing, or gone).
 */
export async function queueAssociationSync(
  deps: SyncQueueingDependencies,
  association: Association,
  trigger: JobTrigger,
  observedVersion?: number,
): Promise<EnqueuedJob | undefined> {
  if (association.removeWhenUnsynced) return undefined;
  let queued: Association;
  try {
    ({ association: queued } = await deps.associations.applyEvent(associationId(association.destination, association), SyncEvent.QueueSync));
  } catch (err) {
    if (err instanceof AssociationNotFoundError) return undefined;
    throw err;
  }
  return deps.queues.enqueueSync(associationJobRef(queued), queued.generation, trigger, observedVersion);
}
