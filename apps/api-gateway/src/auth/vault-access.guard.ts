import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessChecker } from '@vault-sync/access';
import { DESTINATION_KINDS, DestinationKind } from '@vault-sync/domain';
import { DestinationNotFoundError, GithubAppNotFoundError } from '@vault-sync/store';
import { DestinationService, GithubAppService } from '@vault-sync/sync-service';
import type { FastifyRequest } from 'fastify';
import { ACCESS_CHECKER } from '../sync/tokens';
import { EXISTENCE_CHECKED, ExistenceCheckedRecord, UNAUTHENTICATED } from './access-metadata';
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
    private readonly githubApps: GithubAppService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Global guards also see gRPC calls; those controllers authorize from call metadata themselves.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(UNAUTHENTICATED, targets) === true) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const listing = isListRequest(request.query);
    const existenceChecked = this.reflector.getAllAndOverride<ExistenceCheckedRecord | undefined>(EXISTENCE_CHECKED, targets);
    const capability = await capabilityFor(request.method, listing, () => this.writeTargetExists(existenceChecked, request.params));
    await this.access.authorize({ token: vaultToken(request.headers), path: vaultPolicyPath(request.url, listing), capability });
    return true;
  }

  /** Writes without an existence check need `update`, as if their target existed. */
  private writeTargetExists(record: ExistenceCheckedRecord | undefined, params: unknown): Promise<boolean> {
    if (record === 'destination') return this.destinationExists(params);
    if (record === 'github-app') return this.githubAppExists(params);
    return Promise.resolve(true);
  }

  private async githubAppExists(params: unknown): Promise<boolean> {
    const { name } = (params ?? {}) as { name?: string };
    if (name === undefined) return false;
    return found(this.githubApps.read(name), GithubAppNotFoundError);
  }

  private async destinationExists(params: unknown): Promise<boolean> {
    const { type, name } = (params ?? {}) as { type?: string; name?: string };
    if (name === undefined || !DESTINATION_KINDS.includes(type as DestinationKind)) return false;
    return found(this.destinations.read({ type: type as DestinationKind, name }), DestinationNotFoundError);
  }
}

async function found(read: Promise<unknown>, notFound: new (...args: never[]) => Error): Promise<boolean> {
  try {
    await read;
    return true;
  } catch (err) {
    if (err instanceof notFound) return false;
    throw err;
  }
}
