import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ActivationService } from '@vault-sync/sync-service';
import type { FastifyRequest } from 'fastify';
import { UNAUTHENTICATED } from './access-metadata';

const SYNC_API_PREFIX = '/v1/sys/sync/';

/**
 * Global guard, after {@link VaultAccessGuard}: every authenticated `sys/sync/*` route answers 400 until the
 * `secrets-sync` flag is activated, when SYNC_REQUIRE_ACTIVATION asks for that (spec §3.9).
 */
@Injectable()
export class SecretsSyncActivationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly activation: ActivationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(UNAUTHENTICATED, [context.getHandler(), context.getClass()]) === true) return true;
    const { url } = context.switchToHttp().getRequest<FastifyRequest>();
    if (`${url.split('?')[0]}/`.startsWith(SYNC_API_PREFIX)) await this.activation.requireActive();
    return true;
  }
}
