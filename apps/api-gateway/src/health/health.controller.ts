import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Unauthenticated } from '../auth/access-metadata';

export const HEALTH_PROBE = Symbol('HEALTH_PROBE');

/** Checks the gateway's dependencies; resolves true when they answer. */
export interface HealthProbe {
  redisReachable(): Promise<boolean>;
}

/**
 * `GET /v1/sys/health`, unauthenticated. Answers in the shape of Vault's health endpoint so that tools probing
 * a Vault address keep working, plus the state of Redis; 200 when Redis answers, 503 otherwise.
 */
@Controller('v1/sys/health')
@Unauthenticated()
export class HealthController {
  constructor(@Inject(HEALTH_PROBE) private readonly probe: HealthProbe) {}

  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const redis = await this.probe.redisReachable();
    await reply.status(redis ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send({
      initialized: true,
      sealed: false,
      standby: false,
      server_time_utc: Math.floor(Date.now() / 1000),
      redis: redis ? 'ok' : 'unreachable',
    });
  }
}
