import { createAccessChecker } from '@vault-sync/access';
import type { AppConfig } from '@vault-sync/config';
import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import { SyncJobProducer } from '@vault-sync/jobs';
import type { Logger } from '@vault-sync/logging';
import { closeRedisConnection, connectRedis, loadEncryptionKey, pingRedis } from '@vault-sync/store';
import { MountResolver, VaultMountResolver } from '@vault-sync/sync-service';
import { vaultClientFromConfig } from '@vault-sync/vault-client';
import { GatewayDependencies } from './app.module';
import { buildSyncApiProviders } from './sync/sync-wiring';

/** Without Vault the API still serves destinations and config; associations need Vault's mount table. */
const NO_VAULT_MOUNTS: MountResolver = {
  resolve: () =>
    Promise.reject(
      new InternalVaultError(ErrorCode.VaultUnavailable, 'the gateway has no Vault configured (VAULT_ADDR with VAULT_TOKEN or AppRole), so it cannot resolve mounts', {
        retryable: false,
      }),
    ),
};

/**
 * Everything the gateway serves with, wired from configuration: Redis (fail-fast), the credential key, the job
 * queues, the Vault client for mounts and for Vault-delegated auth, and the access checker. The queues are
 * brought in line with the stored `disabled` flag before the first request. Rejects when Redis or the key is
 * unusable, closing what it opened.
 */
export async function createGatewayDependencies(config: AppConfig, logger: Logger): Promise<GatewayDependencies> {
  const onError = (err: Error) => logger.warn({ reason: err.message }, 'redis connection problem');
  const redis = await connectRedis({ url: config.redis.url, flavour: 'fail-fast', connectionName: 'api-gateway', onError });
  const queues = new SyncJobProducer({ connection: redis, keyPrefix: config.redis.keyPrefix, onError });
  const vault = vaultClientFromConfig(config.vault, { logger });
  const release = async () => {
    vault?.close();
    await queues.close();
    await closeRedisConnection(redis);
  };
  try {
    const sync = buildSyncApiProviders({
      store: { redis, prefix: config.redis.keyPrefix },
      encryptionKey: await loadEncryptionKey(config.encryption),
      queues,
      mounts: vault ? new VaultMountResolver(vault) : NO_VAULT_MOUNTS,
      access: createAccessChecker(config.auth, { vault }),
      requireActivation: config.activation.required,
    });
    await sync.config.syncQueuesWithConfig();
    return { healthProbe: { redisReachable: async () => (await pingRedis(redis)).status === 'up' }, sync, release };
  } catch (err) {
    await release();
    throw err;
  }
}
