import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { configFromProcess, serviceName } from '@vault-sync/config';
import { NestPinoLogger, createLogger } from '@vault-sync/logging';
import { closeRedisConnection, connectRedis, pingRedis } from '@vault-sync/store';
import { AppModule } from './app.module';
import { VaultErrorFilter } from './http/vault-error.filter';

async function bootstrap(): Promise<void> {
  const config = configFromProcess();
  const logger = createLogger({ service: serviceName('api-gateway'), level: config.logLevel });
  const redis = await connectRedis({
    url: config.redis.url,
    flavour: 'fail-fast',
    connectionName: 'api-gateway',
    onError: (err: Error) => logger.warn({ reason: err.message }, 'redis connection problem'),
  }).catch((err: Error) => {
    process.stderr.write(`api-gateway: cannot reach Redis at ${new URL(config.redis.url).host}: ${err.message}\n`);
    process.exit(1);
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      healthProbe: { redisReachable: async () => (await pingRedis(redis)).status === 'up' },
      release: () => closeRedisConnection(redis),
    }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  app.useGlobalFilters(new VaultErrorFilter(logger));
  app.enableShutdownHooks();
  await app.listen(config.http.port, '0.0.0.0');
  logger.info({ port: config.http.port }, 'api gateway listening');
}

void bootstrap();
