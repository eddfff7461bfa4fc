import { ErrorCode, InternalVaultError } from '@vault-sync/domain';

/**
 * `queue_capacity` reached (spec §3.1 leaves the behaviour open; we refuse the new operation and change
 * nothing). Retryable: the queue drains as workers run. The HTTP API answers 503, gRPC RESOURCE_EXHAUSTED.
 */
export class QueueFullError extends InternalVaultError {
  constructor(
    readonly pending: number,
    readonly capacity: number,
    readonly requested: number,
  ) {
    super(
      ErrorCode.QueueFull,
      `sync queue is full: ${pending} operations pending, ${requested} more requested, queue_capacity is ${capacity}; ` +
        'nothing was changed: retry later or raise queue_capacity',
    );
  }
}
