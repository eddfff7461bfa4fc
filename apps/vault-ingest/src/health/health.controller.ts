import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { INGEST_RUNTIME } from '../ingest.tokens';
import type { IngestRuntime } from '../ingest-runtime';

/**
 * `GET /v1/sys/health`, unauthenticated: 200 when Redis answers, 503 otherwise, with every feed's counters, the
 * gaps reported and the fan-out totals (numbers only).
 */
@Controller('v1/sys/health')
export class HealthController {
  constructor(@Inject(INGEST_RUNTIME) private readonly runtime: IngestRuntime) {}

  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const redis = await this.runtime.redisReachable();
    await reply.status(redis ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      redis: redis ? 'ok' : 'unreachable',
      feeds: Object.fromEntries(this.runtime.feeds.map((feed) => [feed.name, feed.counters()])),
      gaps: this.runtime.gaps.counters(),
      fan_out: { ...this.runtime.fanOut.counters },
    });
  }
}
