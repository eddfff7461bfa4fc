import { DynamicModule, Module } from '@nestjs/common';
import type { AccessChecker } from '@vault-sync/access';
import { ActivationService, AssociationService, DestinationService, GithubAppService, PurgeService, SyncConfigService } from '@vault-sync/sync-service';
import { ACCESS_CHECKER } from './tokens';

/** The application services behind the API, built once by the wiring (see `sync-wiring.ts`). */
export interface SyncApiProviders {
  associations: AssociationService;
  destinations: DestinationService;
  config: SyncConfigService;
  purges: PurgeService;
  githubApps: GithubAppService;
  activation: ActivationService;
  access: AccessChecker;
}

/**
 * The one home of the services both API surfaces use: HTTP controllers and gRPC handlers inject
 * `AssociationService`, `DestinationService`, `SyncConfigService`, `PurgeService`, `GithubAppService`,
 * `ActivationService` by class and the access
 * checker by {@link ACCESS_CHECKER}. Global, so the module is registered once (by AppModule) and every other
 * module of the gateway sees the same instances without importing it again.
 */
@Module({})
export class SyncApiModule {
  static forRoot(providers: SyncApiProviders): DynamicModule {
    return {
      module: SyncApiModule,
      global: true,
      providers: [
        { provide: AssociationService, useValue: providers.associations },
        { provide: DestinationService, useValue: providers.destinations },
        { provide: SyncConfigService, useValue: providers.config },
        { provide: PurgeService, useValue: providers.purges },
        { provide: GithubAppService, useValue: providers.githubApps },
        { provide: ActivationService, useValue: providers.activation },
        { provide: ACCESS_CHECKER, useValue: providers.access },
      ],
      exports: [AssociationService, DestinationService, SyncConfigService, PurgeService, GithubAppService, ActivationService, ACCESS_CHECKER],
    };
  }
}
