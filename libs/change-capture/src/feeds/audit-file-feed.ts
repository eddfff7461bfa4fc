import { Stats } from 'node:fs';
import { FileHandle, open, stat } from 'node:fs/promises';
import { AuditChangeExtractor } from '../stream/audit-change-extractor';
import { CaptureCounters, newCaptureCounters } from '../stream/capture-counters';
import { ChangeIntake } from './change-intake';
import { FeedOptions } from './feed-options';

/** Where the tail stands: save it, and resume from it after a restart (spec vault-change-capture §1.6). */
export interface FilePosition {
  inode: number;
  /** Byte offset just after the last complete line. */
  offset: number;
}

export interface AuditFileFeedOptions extends FeedOptions {
  path: string;
  /** A saved position, or `'end'` (default) to follow only what is appended from now on. */
  from?: FilePosition | 'end';
  /** How often the file is checked for growth, rotation and truncation (default 500 ms). */
  pollIntervalMs?: number;
}

export interface FileFeedCounters extends CaptureCounters {
  /** Switches to a new file after a rename rotation. */
  rotations: number;
}

interface OpenFile {
  handle: FileHandle;
  inode: number;
  /** Bytes read so far. */
  offset: number;
  extractor: AuditChangeExtractor;
}

const READ_CHUNK_BYTES = 64 * 1024;

const statIfPresent = (path: string): Promise<Stats | undefined> =>
  stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

/**
 * Tails the `file` audit device as the catch-up feed (spec §1.6 tailer rules) by polling `stat`: growth is
 * read; a new inode (rename rotation) means the old file is read to its end, then the new one from 0; a size
 * below the offset (copytruncate) restarts at 0. A file cannot stall Vault, so reading waits for room in the
 * queue rather than dropping changes.
 */
export class AuditFileFeed {
  private readonly intake: ChangeIntake;
  private readonly fileCounters = { rotations: 0 };
  private readonly buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  private current: OpenFile | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(private readonly options: AuditFileFeedOptions) {
    this.intake = new ChangeIntake('audit-file', options, newCaptureCounters());
  }

  /** Opens the file at the requested position, reads what is there, then follows it. */
  static async start(options: AuditFileFeedOptions): Promise<AuditFileFeed> {
    const feed = new AuditFileFeed(options);
    await feed.openAtStart(options.from ?? 'end');
    feed.polling = feed.poll();
    await feed.polling;
    options.logger.info({ feed: 'audit-file', path: options.path, position: feed.position() }, 'audit file feed following');
    return feed;
  }

  position(): FilePosition | undefined {
    return this.current && { inode: this.current.inode, offset: this.current.offset - this.current.extractor.bufferedBytes };
  }

  counters(): FileFeedCounters {
    return { ...this.intake.counters, ...this.fileCounters };
  }

  /** Stops polling and waits for queued changes; an unfinished last line stays unread (see {@link position}). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.current?.handle.close();
    this.current = undefined;
    await this.intake.idle();
  }

  private async openAtStart(from: FilePosition | 'end'): Promise<void> {
    const stats = await statIfPresent(this.options.path);
    if (!stats) return;
    if (from === 'end') return this.openFile(stats, stats.size);
    if (stats.ino !== from.inode) {
      this.intake.gap('file-replaced', { path: this.options.path });
      return this.openFile(stats, 0);
    }
    if (stats.size < from.offset) {
      this.intake.gap('file-truncated', { path: this.options.path });
      return this.openFile(stats, 0);
    }
    return this.openFile(stats, from.offset);
  }

  private async openFile(stats: Stats, offset: number): Promise<void> {
    const handle = await open(this.options.path, 'r');
    this.current = { handle, inode: stats.ino, offset, extractor: this.intake.extractor(this.options.path) };
  }

  private async poll(): Promise<void> {
    try {
      await this.follow();
    } catch (error) {
      this.options.logger.warn({ feed: 'audit-file', path: this.options.path, error: (error as Error).message }, 'audit file poll failed');
    }
    if (!this.closed) this.timer = setTimeout(() => (this.polling = this.poll()), this.options.pollIntervalMs ?? 500);
  }

  private async follow(): Promise<void> {
    const stats = await statIfPresent(this.options.path);
    const current = this.current;
    // Checked before reading: bytes appended after the stat must not look like a shrink.
    if (current && stats?.ino === current.inode && stats.size < current.offset) {
      this.intake.gap('file-truncated', { path: this.options.path });
      current.offset = 0;
      current.extractor = this.intake.extractor(this.options.path);
    }
    if (current) await this.readToEnd(current);
    if (!stats || stats.ino === current?.inode) return;
    if (current) {
      // Rotated by rename: the old file is finished (Vault reopened the path on SIGHUP), the new one starts at 0.
      current.extractor.end();
      await current.handle.close();
      this.fileCounters.rotations += 1;
      this.options.logger.info({ feed: 'audit-file', path: this.options.path }, 'audit file rotated');
    }
    await this.openFile(stats, 0);
    await this.readToEnd(this.current as OpenFile);
  }

  private async readToEnd(file: OpenFile): Promise<void> {
    for (;;) {
      const { bytesRead } = await file.handle.read(this.buffer, 0, this.buffer.length, file.offset);
      if (bytesRead === 0) return;
      file.offset += bytesRead;
      await this.intake.acceptWithoutDropping(file.extractor, this.buffer.subarray(0, bytesRead));
    }
  }
}
