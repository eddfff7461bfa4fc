import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessChecker } from '@vault-sync/access';
import { DESTINATION_KINDS, DestinationKind } from '@vault-sync/domain';
import { DestinationNotFoundError } from '@vault-sync/store';
import { DestinationService } from '@vault-sync/sync-service';
import type { FastifyRequest } from 'fastify';
import { ACCESS_CHECKER } from '../sync/tokens';
import { EXISTENCE_CHECKED, UNAUTHENTICATED } from './access-metadata';
import { capabilityFor, isListRequest, vaultPolicyPath, vaultToken } from './vault-request-access';

/**
 * Global guard: every route needs a token with the capability its method implies on its path (spec §2, §10),
 * unless marked {@link Unauthenticated}. The access checker throws PermissionDeniedError (403) otherwise.
 */
@Injectable()
export class VaultAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_CHECKER) private readonly access: AccessChecker,
    private readonly destinations: DestinationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Global guards also see gRPC calls; those controllers authorize from call metadata themselves.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(UNAUTHENTICATED, targets) === true) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const listing = isListRequest(request.query);
    const existenceChecked = this.reflector.getAllAndOverride<boolean>(EXISTENCE_CHECKED, targets) === true;
    const capability = await capabilityFor(request.method, listing, () =>
      existenceChecked ? this.destinationExists(request.params) : Promise.resolve(true),
    );
    await this.access.authorize({ token: vaultToken(request.headers), path: vaultPolicyPath(request.url, listing), capability });
    return true;
  }

  private async destinationExists(params: unknown): Promise<boolean> {
    const { type, name } = (params ?? {}) as { type?: string; name?: string };
    if (name === undefined || !DESTINATION_KINDS.includes(type as DestinationKind)) return false;
    try {
      await this.destinations.read({ type: type as DestinationKind, name });
      return true;
    } catch (err) {
      if (err instanceof DestinationNotFoundError) return false;
      throw err;
    }
  }
}
