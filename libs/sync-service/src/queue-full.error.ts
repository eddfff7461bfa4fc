/**
 * `queue_capacity` reached (spec §3.1 leaves the behaviour open; we refuse the new operation and change
 * nothing). Not a `VaultSyncError` yet: the domain has no error code for it.
 */
export class QueueFullError extends Error {
  readonly code = 'queue_full';

  constructor(
    readonly pending: number,
    readonly capacity: number,
    readonly requested: number,
  ) {
    super(
      `sync queue is full: ${pending} operations pending, ${requested} more requested, queue_capacity is ${capacity}; ` +
        'nothing was changed: retry later or raise queue_capacity',
    );
    this.name = 'QueueFullError';
  }
}
