import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { SecretsSyncActivationGuard } from './auth/secrets-sync-activation.guard';
import { VaultAccessGuard } from './auth/vault-access.guard';
import { GrpcModule } from './grpc/grpc.module';
import { HealthProbe } from './health/health.controller';
import { HealthModule } from './health/health.module';
import { OpenApiController } from './openapi/openapi.controller';
import { SyncApiModule, SyncApiProviders } from './sync/sync-api.module';
import { ActivationFlagsController } from './sync-http/activation-flags.controller';
import { DestinationAssociationsController } from './sync-http/destination-associations.controller';
import { DestinationsController } from './sync-http/destinations.controller';
import { GithubAppsController } from './sync-http/github-apps.controller';
import { SecretAssociationsController } from './sync-http/secret-associations.controller';
import { SyncConfigController } from './sync-http/sync-config.controller';

export interface GatewayDependencies {
  healthProbe: HealthProbe;
  sync: SyncApiProviders;
  /** Releases connections the gateway was given, after Nest has stopped serving. */
  release?: () => Promise<void>;
}

const DEPENDENCIES = Symbol('GATEWAY_DEPENDENCIES');

@Injectable()
class ConnectionReleaser implements OnApplicationShutdown {
  constructor(@Inject(DEPENDENCIES) private readonly dependencies: GatewayDependencies) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dependencies.release?.();
  }
}

/** The gateway: health, the `sys/sync` HTTP API behind the Vault access and activation guards, activation flags, its OpenAPI description, and gRPC. */
@Module({})
export class AppModule {
  static forRoot(dependencies: GatewayDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [HealthModule.forRoot(dependencies.healthProbe), SyncApiModule.forRoot(dependencies.sync), GrpcModule],
      controllers: [
        SyncConfigController,
        DestinationsController,
        DestinationAssociationsController,
        SecretAssociationsController,
        GithubAppsController,
        ActivationFlagsController,
        OpenApiController,
      ],
      // Guards run in this order: authorization (403) before activation (400), as Vault checks ACLs first.
      providers: [
        { provide: DEPENDENCIES, useValue: dependencies },
        { provide: APP_GUARD, useClass: VaultAccessGuard },
        { provide: APP_GUARD, useClass: SecretsSyncActivationGuard },
        ConnectionReleaser,
      ],
    };
  }
}
