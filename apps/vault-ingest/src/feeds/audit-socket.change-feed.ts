import { AuditSocketFeed, AuditSocketFeedOptions } from '@vault-sync/change-capture';
import { ChangeFeed } from './change-feed';

/** The receiving end of Vault's `socket` audit device (`SYNC_AUDIT_SOCKET`): the primary, low-latency feed. */
export class AuditSocketChangeFeed implements ChangeFeed {
  readonly name = 'audit-socket';
  private feed: AuditSocketFeed | undefined;
  private last: Record<string, number> = {};

  constructor(private readonly options: AuditSocketFeedOptions) {}

  /** Where it listens, once started. */
  get address(): { host: string; port: number } | undefined {
    return this.feed?.address;
  }

  async start(): Promise<void> {
    this.feed = await AuditSocketFeed.start(this.options);
  }

  async stop(): Promise<void> {
    const feed = this.feed;
    this.feed = undefined;
    await feed?.close();
    if (feed) this.last = { ...feed.counters() };
  }

  counters(): Record<string, number> {
    return this.feed ? { ...this.feed.counters() } : this.last;
  }
}
