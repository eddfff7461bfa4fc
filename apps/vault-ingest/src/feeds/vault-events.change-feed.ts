import { VaultEventsFeed, VaultEventsFeedOptions } from '@vault-sync/change-capture';
import { ChangeFeed } from './change-feed';

/** Vault Enterprise's event websocket (`kv-v2/*`); refused with 404 by Vault CE and OpenBao, which it logs once. */
export class VaultEventsChangeFeed implements ChangeFeed {
  readonly name = 'vault-events';
  private feed: VaultEventsFeed | undefined;
  private last: Record<string, number> = {};

  constructor(private readonly options: VaultEventsFeedOptions) {}

  async start(): Promise<void> {
    this.feed = VaultEventsFeed.start(this.options);
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
