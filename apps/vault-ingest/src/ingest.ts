import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@vault-sync/config';
import { Logger, NestPinoLogger } from '@vault-sync/logging';
import { IngestModule } from './app.module';
import { IngestRuntime, createIngestRuntime } from './ingest-runtime';

/** The webhook body is two short strings; nothing legitimate comes near this. */
const BODY_LIMIT_BYTES = 16 * 1024;

export interface RunningIngest {
  app: NestFastifyApplication;
  runtime: IngestRuntime;
  /** Base URL of the HTTP listener. */
  url: string;
  /** Stops serving, stops every feed (draining what they took in), closes connections. */
  close(): Promise<void>;
}

/** Builds and starts the ingest service: feeds first, then the HTTP listener (health, webhook). */
export async function startIngest(config: AppConfig, logger: Logger, options: { shutdownHooks?: boolean; host?: string } = {}): Promise<RunningIngest> {
  const runtime = await createIngestRuntime(config, logger);
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      IngestModule.forRoot({ runtime, logger, ...(config.ingest.webhookToken ? { webhookToken: config.ingest.webhookToken } : {}) }),
      new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
      { logger: new NestPinoLogger(logger), abortOnError: false },
    );
  } catch (error) {
    await runtime.release();
    throw error;
  }
  if (options.shutdownHooks) app.enableShutdownHooks();
  try {
    await app.listen(config.ingest.httpPort, options.host ?? '0.0.0.0');
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.ingest.httpPort;
  return { app, runtime, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
