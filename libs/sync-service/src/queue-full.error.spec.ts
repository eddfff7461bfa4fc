import { ErrorCode, VaultSyncError } from '@vault-sync/domain';
import { QueueFullError } from './queue-full.error';

describe('QueueFullError', () => {
  it('is a retryable domain error with its own code, naming the numbers and what to do', () => {
    const error = new QueueFullError(9, 10, 2);
    expect(error).toBeInstanceOf(VaultSyncError);
    expect(error.code).toBe(ErrorCode.QueueFull);
    expect(error.code).toBe('queue_full');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe('sync queue is full: 9 operations pending, 2 more requested, queue_capacity is 10; nothing was changed: retry later or raise queue_capacity');
  });
});
