import { SyncJobProducer } from '@vault-sync/jobs';
import { GlobalConfigRepository } from '@vault-sync/store';
import { QueueFullError } from './queue-full.error';

/**
 * Admission check for new operations against `queue_capacity` (spec §3.1). Called before anything is written,
 * so a refused operation leaves no trace. The check and the add are not atomic: concurrent requests may overshoot
 * the capacity by their number, which is acceptable for a back-pressure bound.
 */
export class QueueCapacityGuard {
  constructor(
    private readonly config: Pick<GlobalConfigRepository, 'get'>,
    private readonly queues: Pick<SyncJobProducer, 'pendingCount'>,
  ) {}

  async assertRoomFor(operations: number): Promise<void> {
    if (operations === 0) return;
    const [{ queueCapacity }, pending] = await Promise.all([this.config.get(), this.queues.pendingCount()]);
    if (pending + operations > queueCapacity) throw new QueueFullError(pending, queueCapacity, operations);
  }
}
