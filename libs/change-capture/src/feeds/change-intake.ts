import { AuditChangeExtractor } from '../stream/audit-change-extractor';
import { CaptureCounters, CaptureGapReason } from '../stream/capture-counters';
import { BoundedChangeQueue } from './bounded-change-queue';
import { DEFAULT_QUEUE_CAPACITY, FeedOptions } from './feed-options';

/**
 * What the socket and file feeds share: the counters, the gap reporting and the queue in front of `onChange`.
 * Each stream (connection, file) gets its own extractor; all of them feed the one queue.
 */
export class ChangeIntake {
  private readonly queue: BoundedChangeQueue;
  private readonly capacity: number;

  constructor(
    private readonly feed: string,
    private readonly options: FeedOptions,
    readonly counters: CaptureCounters,
  ) {
    const { logger } = options;
    this.capacity = options.queueCapacity ?? DEFAULT_QUEUE_CAPACITY;
    this.queue = new BoundedChangeQueue({
      capacity: this.capacity,
      handler: options.onChange,
      onOverflow: () => this.gap('queue-overflow', {}),
      onDropped: () => (counters.dropped += 1),
      onHandlerError: (error, change) =>
        logger.warn({ feed, requestId: change.requestId, error: error instanceof Error ? error.message : String(error) }, 'change handler failed'),
    });
  }

  /** A new extractor for one stream; `source` (a peer address, a file path) only goes to logs. */
  extractor(source: string): AuditChangeExtractor {
    const logged = new Set<CaptureGapReason>();
    return new AuditChangeExtractor({
      counters: this.counters,
      ...(this.options.maxLineBytes !== undefined ? { maxLineBytes: this.options.maxLineBytes } : {}),
      ...(this.options.classify ? { classify: this.options.classify } : {}),
      // One warning per reason and stream: a peer sending garbage must not flood the log.
      onGap: (reason) => {
        const firstForStream = !logged.has(reason);
        logged.add(reason);
        this.gap(reason, { source }, firstForStream ? 'warn' : 'silent');
      },
    });
  }

  accept(extractor: AuditChangeExtractor, chunk: Buffer): void {
    for (const change of extractor.push(chunk)) this.queue.offer(change);
  }

  /** Reports a gap to `onGap` and, at `level`, to the log. */
  gap(reason: CaptureGapReason, details: object, level: 'warn' | 'info' | 'silent' = 'warn'): void {
    if (level !== 'silent') this.options.logger[level]({ feed: this.feed, reason, ...details, counters: { ...this.counters } }, 'audit feed gap: changes may have been missed');
    this.options.onGap?.(reason);
  }

  /** For a reader that can wait (a file, which cannot stall Vault): waits for room instead of dropping. */
  async acceptWithoutDropping(extractor: AuditChangeExtractor, chunk: Buffer): Promise<void> {
    for (const change of extractor.push(chunk)) {
      if (this.queue.size >= this.capacity) await this.queue.idle();
      this.queue.offer(change);
    }
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }
}
