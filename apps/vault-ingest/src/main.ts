import { configFromProcess, serviceName } from '@vault-sync/config';
import { createLogger } from '@vault-sync/logging';
import { startIngest } from './ingest';

async function bootstrap(): Promise<void> {
  const config = configFromProcess();
  const logger = createLogger({ service: serviceName('vault-ingest'), level: config.logLevel });
  const ingest = await startIngest(config, logger, { shutdownHooks: true }).catch((error: Error) => {
    process.stderr.write(`vault-ingest: cannot start: ${error.message}\n`);
    process.exit(1);
  });
  logger.info({ url: ingest.url, feeds: config.ingest.feeds }, 'vault ingest running');
}

void bootstrap();
