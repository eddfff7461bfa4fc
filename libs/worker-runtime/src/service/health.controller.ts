import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

export const WORKER_HEALTH = Symbol('WORKER_HEALTH');

export interface WorkerHealthProbe {
  /** The destination kind's queue this worker consumes. */
  queue: string;
  redisReachable(): Promise<boolean>;
}

/** `GET /health`: 200 while Redis answers, 503 otherwise; names the queue, never configuration values. */
@Controller('health')
export class WorkerHealthController {
  constructor(@Inject(WORKER_HEALTH) private readonly probe: WorkerHealthProbe) {}

  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const redis = await this.probe.redisReachable();
    await reply
      .status(redis ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: redis ? 'ok' : 'degraded', queue: this.probe.queue, redis: redis ? 'ok' : 'unreachable' });
  }
}
