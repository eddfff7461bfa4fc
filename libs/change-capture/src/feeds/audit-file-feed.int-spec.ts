import { appendFile, mkdtemp, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { line, responseEntry } from '../entry/__fixtures__/audit-entries';
import { AuditFileFeed, AuditFileFeedOptions } from './audit-file-feed';
import { recorder, waitUntil } from './feed-test-helpers';

const write = (id: string) => line(responseEntry({ id, path: `secret/data/app/${id}`, operation: 'update' }));
const read = (id: string) => line(responseEntry({ id, path: `secret/data/app/${id}`, operation: 'read' }));

describe('AuditFileFeed (real files)', () => {
  let directory: string;
  let path: string;
  let feed: AuditFileFeed | undefined;
  let rec: ReturnType<typeof recorder>;

  const ids = () => rec.changes.map((change) => change.requestId);
  async function start(options: Partial<AuditFileFeedOptions> = {}): Promise<AuditFileFeed> {
    rec = recorder();
    feed = await AuditFileFeed.start({ path, pollIntervalMs: 20, logger: rec.logger, onChange: rec.onChange, onGap: rec.onGap, ...options });
    return feed;
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'audit-file-feed-'));
    path = join(directory, 'audit.log');
  });
  afterEach(async () => {
    await feed?.close();
    feed = undefined;
    await rm(directory, { recursive: true, force: true });
  });

  it('starts at the end by default and follows appends', async () => {
    await writeFile(path, write('old-1') + write('old-2'));
    await start();
    await appendFile(path, read('r') + write('new-1'));
    await appendFile(path, write('new-2'));
    await waitUntil(() => rec.changes.length === 2);
    expect(ids()).toEqual(['new-1', 'new-2']);
  });

  it('waits for a file that does not exist yet, then reads it from the start', async () => {
    await start();
    expect(feed?.position()).toBeUndefined();
    await writeFile(path, write('first'));
    await waitUntil(() => rec.changes.length === 1);
    expect(ids()).toEqual(['first']);
  });

  it('resumes from a saved position, which never counts an unfinished line as read', async () => {
    const complete = write('a');
    const partial = write('b').slice(0, 40);
    await writeFile(path, complete + partial);
    const first = await start({ from: { inode: (await stat(path)).ino, offset: 0 } });
    await waitUntil(() => rec.changes.length === 1);
    const saved = first.position();
    expect(saved).toEqual({ inode: (await stat(path)).ino, offset: Buffer.byteLength(complete) });
    await first.close();
    await appendFile(path, write('b').slice(40) + write('c'));
    await start({ from: saved as { inode: number; offset: number } });
    await waitUntil(() => rec.changes.length === 2);
    expect(ids()).toEqual(['b', 'c']);
  });

  it('follows a rename rotation: finishes the old file, then reads the new one from the start', async () => {
    await writeFile(path, '');
    await start();
    await appendFile(path, write('before-rotation'));
    await waitUntil(() => rec.changes.length === 1);
    await rename(path, `${path}.1`);
    // Vault keeps writing to the renamed file until SIGHUP makes it reopen the path.
    await appendFile(`${path}.1`, write('late-in-old-file'));
    await writeFile(path, write('in-new-file'));
    await waitUntil(() => rec.changes.length === 3);
    expect(ids()).toEqual(['before-rotation', 'late-in-old-file', 'in-new-file']);
    expect(feed?.counters()).toMatchObject({ rotations: 1, truncated: 0 });
    expect(feed?.position()).toEqual({ inode: (await stat(path)).ino, offset: Buffer.byteLength(write('in-new-file')) });
  });

  it('restarts at 0 after a copytruncate, reporting a gap', async () => {
    await writeFile(path, '');
    await start();
    await appendFile(path, write('one') + write('two') + write('three'));
    await waitUntil(() => rec.changes.length === 3);
    await truncate(path, 0);
    await waitUntil(() => rec.gaps.includes('file-truncated'));
    await appendFile(path, write('after'));
    await waitUntil(() => rec.changes.length === 4);
    expect(ids()).toEqual(['one', 'two', 'three', 'after']);
  });

  it('reads a replaced file from the start when the saved inode is gone, reporting a gap', async () => {
    await writeFile(path, write('x') + write('y'));
    await start({ from: { inode: (await stat(path)).ino + 1, offset: 10 } });
    await waitUntil(() => rec.changes.length === 2);
    expect(rec.gaps).toEqual(['file-replaced']);
  });

  it('holds back rather than drops while the handler is slow', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => write(`w${i}`)).join('');
    await writeFile(path, lines);
    const handled: string[] = [];
    rec = recorder();
    feed = await AuditFileFeed.start({
      path,
      from: { inode: (await stat(path)).ino, offset: 0 },
      pollIntervalMs: 20,
      queueCapacity: 10,
      logger: rec.logger,
      onChange: async (change) => {
        await new Promise((resolve) => setImmediate(resolve));
        handled.push(change.requestId);
      },
    });
    await waitUntil(() => handled.length === 300);
    expect(feed.counters()).toMatchObject({ changes: 300, dropped: 0 });
  });
});
