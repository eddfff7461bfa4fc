import { DestinationJobRef, SyncJob, SyncJobHandlers } from '@vault-sync/jobs';
import type { PurgeService } from '@vault-sync/sync-service';
import { DelayedError, UnrecoverableError } from 'bullmq';
import { AssociationRunner, RunLogger, RunResult } from './association-runner';

/**
 * The handlers of one destination kind's queue. Sync and unsync jobs run the same way: the runner reads the
 * association and Vault and does what they say. A purge job completes a purge whose last removal finished
 * without deleting the destination (e.g. the worker stopped in between).
 */
export function createSyncJobHandlers(runner: AssociationRunner, purges: Pick<PurgeService, 'completePurgeIfDone'>, logger: RunLogger): SyncJobHandlers {
  const runAssociation = async (payload: { association: Parameters<AssociationRunner['run']>[0] }, job: SyncJob): Promise<void> => {
    await settleJob(job, await runner.run(payload.association, String(job.id)));
  };
  return {
    SyncAssociation: runAssociation,
    UnsyncAssociation: runAssociation,
    PurgeDestination: async (payload: { destination: DestinationJobRef }) => {
      const progress = await purges.completePurgeIfDone(payload.destination);
      logger.info({ destination: `${payload.destination.type}/${payload.destination.name}`, progress }, 'purge checked');
    },
  };
}

/**
 * BullMQ's manual delay: move the active job to the delayed set with its lock token, then tell the worker with
 * `DelayedError`. Unlike a thrown error this spends no BullMQ attempt and frees the worker slot for other jobs.
 */
async function settleJob(job: SyncJob, result: RunResult): Promise<void> {
  switch (result.kind) {
    case 'done':
      return;
    case 'delay':
      await job.moveToDelayed(Date.now() + result.delayMs, job.token);
      throw new DelayedError();
    case 'failed':
      throw new UnrecoverableError(result.error.message);
  }
}
