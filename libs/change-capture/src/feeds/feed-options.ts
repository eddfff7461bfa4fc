import { ClassifyOptions } from '../entry/classify-audit-entry';
import { ChangeHandler } from '../entry/observed-change';
import { CaptureGapReason } from '../stream/capture-counters';
import { FeedLogger } from './feed-logger';

/** What every feed takes. */
export interface FeedOptions {
  onChange: ChangeHandler;
  logger: FeedLogger;
  /** Told whenever changes may have been missed, so the owner can reconcile (spec vault-change-capture §1.5). */
  onGap?: (reason: CaptureGapReason) => void;
  /** Longest line kept (default 32 MiB, spec §1.3). */
  maxLineBytes?: number;
  /** Changes waiting for `onChange` before new ones are dropped (default 10,000). */
  queueCapacity?: number;
  classify?: ClassifyOptions;
}

export const DEFAULT_QUEUE_CAPACITY = 10_000;
