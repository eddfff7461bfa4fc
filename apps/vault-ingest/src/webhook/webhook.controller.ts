import { Body, Controller, Headers, HttpStatus, Inject, Post, Res } from '@nestjs/common';
import type { Logger } from '@vault-sync/logging';
import type { FastifyReply } from 'fastify';
import { INGEST_LOGGER } from '../ingest.tokens';
import { describeWebhookIssues, webhookRequestSchema } from './webhook-request.schema';
import { WebhookToken } from './webhook-token';
import { WebhookFeed } from './webhook.feed';

/** `POST /v1/sync/ingest/webhook` with `Authorization: Bearer <SYNC_WEBHOOK_TOKEN>` and `{"mount","path"}`. */
@Controller('v1/sync/ingest/webhook')
export class WebhookController {
  constructor(
    private readonly feed: WebhookFeed,
    private readonly token: WebhookToken,
    @Inject(INGEST_LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async notify(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    if (!this.token.accepts(authorization)) return send(reply, HttpStatus.FORBIDDEN, { errors: ['permission denied'] });
    const parsed = webhookRequestSchema.safeParse(body);
    if (!parsed.success) return send(reply, HttpStatus.BAD_REQUEST, { errors: describeWebhookIssues(parsed.error.issues) });
    const { mount } = parsed.data;
    try {
      const outcome = await this.feed.notify(parsed.data);
      switch (outcome.kind) {
        case 'queued':
          return send(reply, HttpStatus.ACCEPTED, { data: { queued: outcome.jobs } });
        case 'no-mount':
          return send(reply, HttpStatus.BAD_REQUEST, { errors: [`no mount at path "${mount}"`] });
        case 'not-kv-v2':
          return send(reply, HttpStatus.BAD_REQUEST, { errors: [`mount "${mount}" is not a KV version 2 mount`] });
        case 'unavailable':
          return send(reply, HttpStatus.SERVICE_UNAVAILABLE, { errors: ['the ingest service is shutting down'] });
      }
    } catch (error) {
      this.logger.warn({ feed: 'webhook', mount, reason: error instanceof Error ? error.message : String(error) }, 'webhook change not queued');
      return send(reply, HttpStatus.SERVICE_UNAVAILABLE, { errors: ['the change could not be queued; retry later'] });
    }
  }
}

async function send(reply: FastifyReply, status: number, body: object): Promise<void> {
  await reply.status(status).header('content-type', 'application/json').send(body);
}
