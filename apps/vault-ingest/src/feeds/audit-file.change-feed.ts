import { AuditFileFeed, AuditFileFeedOptions, FilePosition } from '@vault-sync/change-capture';
import { ChangeFeed } from './change-feed';
import { FilePositionStore } from './file-position.store';

const SAVE_INTERVAL_MS = 5_000;

export interface AuditFileChangeFeedOptions extends Omit<AuditFileFeedOptions, 'from'> {
  positions: FilePositionStore;
  saveIntervalMs?: number;
}

/**
 * Tails the `file` audit device (`SYNC_AUDIT_FILE`): the catch-up feed after our own downtime. Resumes from the
 * saved position (the end of the file on a first start: history before that is the reconciler's) and saves it
 * every few seconds and on stop. A crash loses at most the entries read since the last save, which the saved
 * position makes it read again.
 */
export class AuditFileChangeFeed implements ChangeFeed {
  readonly name = 'audit-file';
  private feed: AuditFileFeed | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last: Record<string, number> = {};

  constructor(private readonly options: AuditFileChangeFeedOptions) {}

  async start(): Promise<void> {
    const { positions, saveIntervalMs = SAVE_INTERVAL_MS, ...feedOptions } = this.options;
    this.feed = await AuditFileFeed.start({ ...feedOptions, from: (await positions.load()) ?? 'end' });
    this.timer = setInterval(() => void this.savePosition(), saveIntervalMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    const feed = this.feed;
    if (!feed) return;
    // Taken before closing, which forgets it: lines read after this point are read again on restart, and a
    // change seen twice only costs a coalesced job.
    const position = feed.position();
    await feed.close();
    if (position) await this.save(position);
    this.feed = undefined;
    this.last = { ...feed.counters() };
  }

  counters(): Record<string, number> {
    return this.feed ? { ...this.feed.counters() } : this.last;
  }

  private async savePosition(): Promise<void> {
    const position = this.feed?.position();
    if (position) await this.save(position);
  }

  private async save(position: FilePosition): Promise<void> {
    await this.options.positions.save(position).catch((error: Error) =>
      this.options.logger.warn({ feed: this.name, reason: error.message }, 'could not save the audit file position'),
    );
  }
}
