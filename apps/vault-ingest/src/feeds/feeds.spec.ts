import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@vault-sync/config';
import { ChangeFanOut } from '@vault-sync/fan-out';
import { WebhookFeed } from '../webhook/webhook.feed';
import { CaptureGaps } from './capture-gaps';
import { buildFeeds, FeedContext } from './feed-factories';
import { FilePositionStore } from './file-position.store';

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const notCalled = async (): Promise<never> => Promise.reject(new Error('not called in these tests'));
const fanOut = new ChangeFanOut({
  associations: { findBySecret: notCalled, listByDestination: notCalled, applyEvent: notCalled },
  destinations: { list: notCalled },
  queues: { enqueueSync: notCalled },
  mounts: { accessorAt: notCalled, refresh: notCalled },
  logger,
});

// Only feeds that need Vault use these, and the tests below build those without Vault.
const reconciler = {} as FeedContext['reconciler'];

function context(env: Record<string, string>, withMounts = true): FeedContext {
  const config = loadConfig({ VAULT_ADDR: 'http://127.0.0.1:8200', VAULT_TOKEN: 't', ...env });
  return { config, fanOut, gaps: new CaptureGaps(), logger, mounts: withMounts ? { mountAt: async () => undefined } : undefined, vault: undefined, reconciler };
}

describe('buildFeeds', () => {
  it('builds the configured feeds once each, in the factories order', () => {
    const feeds = buildFeeds(context({ SYNC_FEEDS: 'webhook,audit-socket,webhook', SYNC_WEBHOOK_TOKEN: 'w'.repeat(16) }));
    expect(feeds.map((feed) => feed.name)).toEqual(['audit-socket', 'webhook']);
    expect(feeds[1]).toBeInstanceOf(WebhookFeed);
  });

  it('refuses a webhook feed without Vault credentials to resolve mounts', () => {
    expect(() => buildFeeds(context({ SYNC_FEEDS: 'webhook', SYNC_WEBHOOK_TOKEN: 'w'.repeat(16) }, false))).toThrow(/needs Vault credentials/);
  });

  it.each(['poller', 'vault-events'])('refuses the %s feed without a Vault client', (feed) => {
    expect(() => buildFeeds(context({ SYNC_FEEDS: feed }))).toThrow(new RegExp(`the ${feed} feed needs Vault credentials`));
  });
});

describe('CaptureGaps', () => {
  it('counts gaps per feed and reason and tells subscribers', () => {
    const gaps = new CaptureGaps();
    const told: string[] = [];
    gaps.subscribe((feed, reason) => told.push(`${feed}/${reason}`));
    gaps.report('audit-socket', 'connection-opened');
    gaps.report('audit-socket', 'connection-opened');
    gaps.report('audit-file', 'file-truncated');
    expect(gaps.counters()).toEqual({ 'audit-socket:connection-opened': 2, 'audit-file:file-truncated': 1 });
    expect(told).toEqual(['audit-socket/connection-opened', 'audit-socket/connection-opened', 'audit-file/file-truncated']);
  });
});

describe('FilePositionStore', () => {
  let directory: string;
  beforeEach(async () => (directory = await mkdtemp(join(tmpdir(), 'ingest-position-'))));
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('saves and loads a position per audit log path, leaving no temporary file', async () => {
    const store = new FilePositionStore(directory, '/var/log/vault/audit.log');
    expect(await store.load()).toBeUndefined();
    await store.save({ inode: 42, offset: 1234 });
    expect(await store.load()).toEqual({ inode: 42, offset: 1234 });
    expect(await new FilePositionStore(directory, '/other.log').load()).toBeUndefined();
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('treats an unreadable position as none', async () => {
    const store = new FilePositionStore(directory, 'a.log');
    await store.save({ inode: 1, offset: 2 });
    const [file] = await readdir(directory);
    await writeFile(join(directory, file as string), '{"inode":1,');
    expect(await store.load()).toBeUndefined();
  });
});
