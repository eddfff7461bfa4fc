import type { AppConfig } from '@vault-sync/config';
import { ChangeFanOut, RedisRequestClaims } from '@vault-sync/fan-out';
import { SyncJobProducer } from '@vault-sync/jobs';
import type { Logger } from '@vault-sync/logging';
import {
  AssociationRepository,
  CredentialCipher,
  DestinationRepository,
  closeRedisConnection,
  connectRedis,
  loadEncryptionKey,
  pingRedis,
} from '@vault-sync/store';
import { vaultClientFromConfig } from '@vault-sync/vault-client';
import { CaptureGaps } from './feeds/capture-gaps';
import { ChangeFeed } from './feeds/change-feed';
import { buildFeeds } from './feeds/feed-factories';
import { NO_MOUNTS, VaultMounts } from './vault-mounts';

/** Everything the ingest service runs, wired from configuration. */
export interface IngestRuntime {
  feeds: ChangeFeed[];
  fanOut: ChangeFanOut;
  gaps: CaptureGaps;
  redisReachable(): Promise<boolean>;
  /** Closes the connections; call after every feed has stopped. */
  release(): Promise<void>;
}

/** Connects to Redis (rejecting when it cannot), then builds the store, queues, fan-out and feeds. */
export async function createIngestRuntime(config: AppConfig, logger: Logger): Promise<IngestRuntime> {
  const onRedisError = (error: Error) => logger.warn({ reason: error.message }, 'redis connection problem');
  const redis = await connectRedis({ url: config.redis.url, flavour: 'fail-fast', connectionName: 'vault-ingest', onError: onRedisError });
  const keyPrefix = config.redis.keyPrefix;
  const store = { redis, prefix: keyPrefix };
  const cipher = new CredentialCipher(await loadEncryptionKey(config.encryption));
  const queues = new SyncJobProducer({ connection: redis, keyPrefix, onError: onRedisError });
  const vault = vaultClientFromConfig(config.vault, { logger });
  const mounts = vault ? new VaultMounts(vault) : undefined;
  const associations = new AssociationRepository(store);
  const destinations = new DestinationRepository(store, cipher);
  const fanOut = new ChangeFanOut({
    associations,
    destinations,
    queues,
    mounts: mounts ?? NO_MOUNTS,
    claims: new RedisRequestClaims(redis, keyPrefix),
    logger,
  });
  const gaps = new CaptureGaps();
  gaps.subscribe((feed, reason) => logger.debug({ feed, reason }, 'capture gap'));
  const feeds = buildFeeds({ config, fanOut, gaps, logger, mounts, vault, reconciler: { redis, keyPrefix, associations, destinations, queues } });
  return {
    feeds,
    fanOut,
    gaps,
    redisReachable: async () => (await pingRedis(redis)).status === 'up',
    release: async () => {
      vault?.close();
      await queues.close();
      await closeRedisConnection(redis);
    },
  };
}
