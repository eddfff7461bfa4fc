/**
 * One source of change notices, started and stopped with the service. Every feed the ingest runs is one of these,
 * built from its `SYNC_FEEDS` name by `FEED_FACTORIES` (feeds/feed-factories.ts).
 */
export interface ChangeFeed {
  /** Its `SYNC_FEEDS` name. */
  readonly name: string;
  start(): Promise<void>;
  /** Stops taking input and waits until what was taken has been fanned out. */
  stop(): Promise<void>;
  /** Running totals for the health endpoint: counts only, never content. */
  counters(): Record<string, number>;
}
