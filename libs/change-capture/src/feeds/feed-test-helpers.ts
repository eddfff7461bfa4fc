import { ObservedChange } from '../entry/observed-change';
import { CaptureGapReason } from '../stream/capture-counters';
import { FeedLogger } from './feed-logger';

/** Test support for the feed int-specs: a recording logger and callbacks, and polling until a condition holds. */
export function recorder() {
  const changes: ObservedChange[] = [];
  const gaps: CaptureGapReason[] = [];
  const logs: { level: string; details: object; message: string }[] = [];
  const logger: FeedLogger = {
    info: (details, message) => logs.push({ level: 'info', details, message }),
    warn: (details, message) => logs.push({ level: 'warn', details, message }),
  };
  return { changes, gaps, logs, logger, onChange: (change: ObservedChange) => void changes.push(change), onGap: (reason: CaptureGapReason) => void gaps.push(reason) };
}

export async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
