import { FeedLogger, VaultEventsFeed } from '@vault-sync/change-capture';
import type { AppConfig, IngestFeed } from '@vault-sync/config';
import { ChangeFanOut } from '@vault-sync/fan-out';
import type { MetadataReconcilerOptions } from '@vault-sync/reconciler';
import type { VaultClient } from '@vault-sync/vault-client';
import { WebhookFeed, WebhookMounts } from '../webhook/webhook.feed';
import { AuditFileChangeFeed } from './audit-file.change-feed';
import { AuditSocketChangeFeed } from './audit-socket.change-feed';
import { CaptureGaps } from './capture-gaps';
import { ChangeFeed } from './change-feed';
import { FilePositionStore } from './file-position.store';
import { PollerChangeFeed } from './poller.change-feed';
import { SourceChangeFeed } from './source-change-feed';

/** What a feed may use. */
export interface FeedContext {
  config: AppConfig;
  fanOut: ChangeFanOut;
  gaps: CaptureGaps;
  logger: FeedLogger;
  /** Present when Vault credentials are configured. */
  mounts: WebhookMounts | undefined;
  /** The service's own Vault client, when Vault credentials are configured. */
  vault: VaultClient | undefined;
  /** What the poller needs besides Vault: the store, the queues and the leader lock's Redis. */
  reconciler: Omit<MetadataReconcilerOptions, 'vault' | 'logger' | 'intervalMs' | 'concurrency'>;
}

const NEEDS_VAULT = 'needs Vault credentials (VAULT_ADDR with VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID)';

/**
 * Every feed the ingest can run, by its `SYNC_FEEDS` name (libs/config `INGEST_FEEDS`). A new feed (the Vault
 * Enterprise events websocket, the metadata poller) is one more entry here: the service starts them in this
 * list's order and stops them in reverse, and reports their counters on the health endpoint.
 */
export const FEED_FACTORIES: Record<IngestFeed, (context: FeedContext) => ChangeFeed> = {
  'audit-socket': ({ config, fanOut, gaps, logger }) =>
    new AuditSocketChangeFeed({
      ...config.ingest.auditSocket,
      onChange: fanOut.handlerFor('audit-device'),
      onGap: (reason) => gaps.report('audit-socket', reason),
      logger,
    }),
  'audit-file': ({ config, fanOut, gaps, logger }) => {
    const path = config.ingest.auditFile;
    if (!path) throw new Error('the audit-file feed needs SYNC_AUDIT_FILE');
    return new AuditFileChangeFeed({
      path,
      positions: new FilePositionStore(config.dataDir, path),
      onChange: fanOut.handlerFor('audit-device'),
      onGap: (reason) => gaps.report('audit-file', reason),
      logger,
    });
  },
  webhook: ({ fanOut, mounts }) => {
    if (!mounts) throw new Error(`the webhook feed ${NEEDS_VAULT} to resolve mount paths`);
    return new WebhookFeed(fanOut, mounts);
  },
  'vault-events': ({ config, fanOut, gaps, logger, vault }) => {
    const address = config.vault.address;
    if (!vault || !address) throw new Error(`the vault-events feed ${NEEDS_VAULT}`);
    // Vault Enterprise only: Vault CE and OpenBao refuse the subscription with 404, which the feed logs once.
    return new SourceChangeFeed('vault-events', () =>
      VaultEventsFeed.start({
        address,
        token: () => vault.currentToken(),
        ...(config.vault.namespace ? { namespace: config.vault.namespace } : {}),
        onChange: fanOut.handlerFor('events'),
        onGap: (reason) => gaps.report('vault-events', reason),
        logger,
      }),
    );
  },
  poller: ({ config, gaps, logger, vault, reconciler }) => {
    if (!vault) throw new Error(`the poller feed ${NEEDS_VAULT} to read secret metadata`);
    return new PollerChangeFeed({ ...reconciler, vault, logger, ...config.reconciler }, gaps);
  },
};

/** The configured feeds, in the order of {@link FEED_FACTORIES}; each name once. */
export function buildFeeds(context: FeedContext): ChangeFeed[] {
  const wanted = new Set(context.config.ingest.feeds);
  return (Object.keys(FEED_FACTORIES) as IngestFeed[]).filter((name) => wanted.has(name)).map((name) => FEED_FACTORIES[name](context));
}
