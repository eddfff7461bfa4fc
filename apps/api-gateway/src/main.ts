import 'reflect-metadata';
import { configFromProcess, serviceName } from '@vault-sync/config';
import { createLogger } from '@vault-sync/logging';
import { createGatewayApp } from './gateway-app';
import { createGatewayDependencies } from './gateway-runtime';
import { attachGrpcServer } from './grpc/grpc-server';

async function bootstrap(): Promise<void> {
  const config = configFromProcess();
  const logger = createLogger({ service: serviceName('api-gateway'), level: config.logLevel });
  const dependencies = await createGatewayDependencies(config, logger).catch((err: Error) => {
    process.stderr.write(`api-gateway: cannot start (Redis at ${new URL(config.redis.url).host}, credential key, Vault settings): ${err.message}\n`);
    process.exit(1);
  });
  const { app } = await createGatewayApp(dependencies, { logger });
  attachGrpcServer(app, config.grpc.port);
  await app.startAllMicroservices();
  await app.listen(config.http.port, '0.0.0.0');
  logger.info({ port: config.http.port, grpcPort: config.grpc.port, auth: config.auth.mode }, 'api gateway listening');
}

void bootstrap();
