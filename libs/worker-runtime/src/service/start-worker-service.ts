import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, configFromProcess, serviceName } from '@vault-sync/config';
import { DestinationAdapterFactory } from '@vault-sync/domain';
import { Logger, NestPinoLogger, createLogger } from '@vault-sync/logging';
import { CredentialCipher, closeRedisConnection, connectRedis, loadEncryptionKey, pingRedis } from '@vault-sync/store';
import { WorkerModule } from './worker.module';
import { WorkerRuntimeOptions, createWorkerRuntime } from './worker-runtime';
import { workerVaultClient } from './vault-client-from-config';

export interface WorkerServiceOptions {
  /**
   * The destination kind this worker serves: its queue, its adapters and its rate-limit domains; or a function
   * building them from the configuration (an API endpoint, say).
   */
  adapters: DestinationAdapterFactory | ((config: AppConfig) => DestinationAdapterFactory);
  /** Default: the process environment, read once (invalid configuration exits 2). */
  config?: AppConfig;
  /** Default: JSON lines on standard output at LOG_LEVEL. */
  logger?: Logger;
  /** Fine-tuning, for tests; services run with the defaults. */
  tuning?: Pick<WorkerRuntimeOptions, 'retry' | 'leaseTtlMs' | 'busyPollMs' | 'adaptiveRate'>;
}

export interface RunningWorkerService {
  queueName: string;
  /** `http://127.0.0.1:<port>` while `GET /health` is served (SYNC_WORKER_HEALTH_PORT set). */
  healthUrl?: string;
  /** What SIGTERM/SIGINT do: stop taking jobs, let running ones finish (bounded), release connections. */
  close(): Promise<void>;
}

/**
 * One sync worker service: `void startWorkerService({ adapters: awsSecretsManagerAdapters })` is a whole
 * worker app. It consumes its kind's queue with SYNC_WORKER_CONCURRENCY jobs at once, reads secrets with its
 * own Vault identity and decrypts destination credentials only in memory. When started from the process
 * environment, a failure to start is one log line and exit code 1.
 */
export async function startWorkerService(options: WorkerServiceOptions): Promise<RunningWorkerService> {
  const fromProcess = options.config === undefined;
  const config = options.config ?? configFromProcess();
  const adapters = typeof options.adapters === 'function' ? options.adapters(config) : options.adapters;
  const name = serviceName(`worker-${adapters.kind}`);
  const logger = options.logger ?? createLogger({ service: name, level: config.logLevel });
  try {
    return await start({ ...options, adapters }, config, name, logger);
  } catch (err) {
    logger.error({ reason: err instanceof Error ? err.message : String(err) }, 'sync worker failed to start');
    if (fromProcess) process.exit(1);
    throw err;
  }
}

async function start(
  options: WorkerServiceOptions & { adapters: DestinationAdapterFactory },
  config: AppConfig,
  name: string,
  logger: Logger,
): Promise<RunningWorkerService> {
  const vault = workerVaultClient(config.vault, { logger });
  const cipher = new CredentialCipher(await loadEncryptionKey(config.encryption));
  const redis = await connectRedis({
    url: config.redis.url,
    flavour: 'worker',
    connectionName: name,
    onError: (err) => logger.warn({ reason: err.message }, 'redis connection problem'),
  });
  const runtime = await createWorkerRuntime({
    ...options.tuning,
    adapters: options.adapters,
    redis,
    keyPrefix: config.redis.keyPrefix,
    cipher,
    vault,
    ...(config.vault.namespace ? { namespacePath: config.vault.namespace } : {}),
    concurrency: config.worker.concurrency,
    retry: { maxAttempts: config.worker.maxAttempts, ...options.tuning?.retry },
    logger,
  });
  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (stopping ??= (async () => {
      logger.info({ queue: runtime.queueName, timeoutMs: config.worker.shutdownTimeoutMs }, 'sync worker stopping');
      const outcome = await runtime.close(config.worker.shutdownTimeoutMs);
      vault.close();
      await closeRedisConnection(redis);
      logger.info({ queue: runtime.queueName, outcome }, 'sync worker stopped');
    })());

  const port = config.worker.healthPort;
  const module = WorkerModule.forRoot(
    { health: { queue: runtime.queueName, redisReachable: async () => (await pingRedis(redis)).status === 'up' }, shutdown },
    { serveHealth: port !== undefined },
  );
  const nestOptions = { logger: new NestPinoLogger(logger) };
  let app: INestApplicationContext;
  let healthUrl: string | undefined;
  if (port === undefined) {
    app = await NestFactory.createApplicationContext(module, nestOptions);
  } else {
    const http = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), nestOptions);
    await http.listen(port, '0.0.0.0');
    healthUrl = `http://127.0.0.1:${new URL(await http.getUrl()).port}`;
    app = http;
  }
  app.enableShutdownHooks();
  logger.info({ queue: runtime.queueName, concurrency: config.worker.concurrency, healthUrl }, 'sync worker started');
  return { queueName: runtime.queueName, ...(healthUrl === undefined ? {} : { healthUrl }), close: () => app.close() };
}
