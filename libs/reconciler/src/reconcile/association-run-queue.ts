import { Association } from '@vault-sync/domain';
import { JobTrigger, SyncJobProducer } from '@vault-sync/jobs';
import { AssociationRepository } from '@vault-sync/store';
import { associationJobRef, queueAssociationSync } from '@vault-sync/sync-service';
import { ReconcileAction } from './reconcile-decision';

export interface AssociationRunQueueDependencies {
  associations: Pick<AssociationRepository, 'applyEvent'>;
  queues: Pick<SyncJobProducer, 'enqueueSync' | 'enqueueUnsync'>;
}

/** Queues the reconciler's runs through the same path as the change feeds (`queueAssociationSync`). */
export class AssociationRunQueue {
  constructor(private readonly deps: AssociationRunQueueDependencies) {}

  /** `false` when nothing was queued (the association is being removed, or is gone). */
  async queue(association: Association, action: Exclude<ReconcileAction, { kind: 'none' }>, trigger: JobTrigger): Promise<boolean> {
    if (action.kind === 'sync') return (await queueAssociationSync(this.deps, association, trigger, action.observedVersion)) !== undefined;
    const ref = associationJobRef(association);
    // The recorded generation already belongs to the lost or failed job; adding it again changes no status.
    if (association.operation === 'unsync') await this.deps.queues.enqueueUnsync(ref, association.generation, association.removeWhenUnsynced === true, trigger);
    else await this.deps.queues.enqueueSync(ref, association.generation, trigger);
    return true;
  }
}
