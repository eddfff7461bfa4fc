import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@vault-sync/logging';
import { HealthController } from './health/health.controller';
import { IngestRuntime } from './ingest-runtime';
import { INGEST_LOGGER, INGEST_RUNTIME } from './ingest.tokens';
import { WebhookToken } from './webhook/webhook-token';
import { WebhookController } from './webhook/webhook.controller';
import { WebhookFeed } from './webhook/webhook.feed';

/**
 * Starts every feed before the service answers (in list order; a feed that fails to start stops the ones before
 * it) and stops them in reverse once Nest has stopped serving, each waiting until what it took in is fanned out;
 * then releases the connections.
 */
@Injectable()
class FeedLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly started: IngestRuntime['feeds'] = [];

  constructor(
    @Inject(INGEST_RUNTIME) private readonly runtime: IngestRuntime,
    @Inject(INGEST_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const feed of this.runtime.feeds) {
        await feed.start();
        this.started.push(feed);
      }
    } catch (error) {
      await this.stopStarted();
      throw error;
    }
    this.logger.info({ feeds: this.started.map((feed) => feed.name) }, 'change feeds started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stopStarted();
    await this.runtime.release();
  }

  private async stopStarted(): Promise<void> {
    for (const feed of this.started.splice(0).reverse()) {
      await feed.stop().catch((error: Error) => this.logger.warn({ feed: feed.name, reason: error.message }, 'feed did not stop cleanly'));
    }
  }
}

export interface IngestModuleOptions {
  runtime: IngestRuntime;
  logger: Logger;
  /** `SYNC_WEBHOOK_TOKEN`; required when the runtime runs the webhook feed. */
  webhookToken?: string;
}

@Module({})
export class IngestModule {
  static forRoot({ runtime, logger, webhookToken }: IngestModuleOptions): DynamicModule {
    const webhook = runtime.feeds.find((feed): feed is WebhookFeed => feed instanceof WebhookFeed);
    if (webhook && !webhookToken) throw new Error('the webhook feed needs SYNC_WEBHOOK_TOKEN');
    return {
      module: IngestModule,
      controllers: [HealthController, ...(webhook ? [WebhookController] : [])],
      providers: [
        { provide: INGEST_RUNTIME, useValue: runtime },
        { provide: INGEST_LOGGER, useValue: logger },
        ...(webhook && webhookToken
          ? [
              { provide: WebhookFeed, useValue: webhook },
              { provide: WebhookToken, useValue: new WebhookToken(webhookToken) },
            ]
          : []),
        FeedLifecycle,
      ],
    };
  }
}
