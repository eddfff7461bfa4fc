import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import {
  GetConfigRequest,
  PatchConfigRequest,
  ResetConfigRequest,
  SECRETS_SYNC_SERVICE,
  SecretsSyncMethod,
  SyncConfigMessage,
} from '@vault-sync/grpc-contract';
import { SyncConfigService } from '@vault-sync/sync-service';
import { GrpcCallerAccess, SyncApiPath } from './grpc-access';
import { GrpcErrorFilter } from './grpc-error.filter';
import { parseConfigPatch } from './grpc-requests';
import { toSyncConfigMessage } from './grpc-messages';

/** `sys/sync/config` over gRPC (spec §3.1). */
@Controller()
@UseFilters(GrpcErrorFilter)
export class ConfigGrpcController {
  constructor(
    @Inject(SyncConfigService) private readonly config: SyncConfigService,
    @Inject(GrpcCallerAccess) private readonly access: GrpcCallerAccess,
  ) {}

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.GetConfig)
  async get(_request: GetConfigRequest, metadata: Metadata): Promise<SyncConfigMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.config(), capability: 'read' });
    return toSyncConfigMessage(await this.config.get());
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.PatchConfig)
  async patch(request: PatchConfigRequest, metadata: Metadata): Promise<SyncConfigMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.config(), capability: 'patch' });
    return toSyncConfigMessage(await this.config.patch(parseConfigPatch(request)));
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.ResetConfig)
  async reset(_request: ResetConfigRequest, metadata: Metadata): Promise<SyncConfigMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.config(), capability: 'delete' });
    return toSyncConfigMessage(await this.config.reset());
  }
}
