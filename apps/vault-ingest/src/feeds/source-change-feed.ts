import { ChangeFeed } from './change-feed';

/** A change-capture feed object as the libraries return it: started already, closed once. */
export interface FeedSource {
  close(): Promise<void>;
  /** Running totals: numbers only, never content (the libraries' counter interfaces). */
  counters(): object;
}

/**
 * A {@link ChangeFeed} over one change-capture feed: opened on start, closed on stop, its last counters kept for the
 * health endpoint after it stopped.
 */
export class SourceChangeFeed<S extends FeedSource> implements ChangeFeed {
  protected source: S | undefined;
  private last: Record<string, number> = {};

  constructor(
    readonly name: string,
    private readonly open: () => S | Promise<S>,
  ) {}

  async start(): Promise<void> {
    this.source = await this.open();
  }

  async stop(): Promise<void> {
    const source = this.source;
    this.source = undefined;
    await source?.close();
    if (source) this.last = countersOf(source);
  }

  counters(): Record<string, number> {
    return this.source ? countersOf(this.source) : this.last;
  }
}

function countersOf(source: FeedSource): Record<string, number> {
  return { ...(source.counters() as Record<string, number>) };
}
