import type { AccessChecker } from '@vault-sync/access';
import { SyncJobProducer } from '@vault-sync/jobs';
import {
  ActivationFlagRepository,
  AssociationRepository,
  CredentialCipher,
  DestinationRepository,
  GithubAppRepository,
  GlobalConfigRepository,
  StoreContext,
} from '@vault-sync/store';
import {
  ActivationService,
  AssociationService,
  DestinationService,
  GithubAppService,
  MountResolver,
  PurgeService,
  QueueCapacityGuard,
  SyncConfigService,
} from '@vault-sync/sync-service';
import { SyncApiProviders } from './sync-api.module';

export interface SyncWiring {
  store: StoreContext;
  /** Encrypts destination credentials and GitHub app keys at rest (store's `loadEncryptionKey`). */
  encryptionKey: Buffer;
  queues: SyncJobProducer;
  mounts: MountResolver;
  access: AccessChecker;
  /** SYNC_REQUIRE_ACTIVATION: `sys/sync/*` refuses until `secrets-sync` is activated. */
  requireActivation: boolean;
}

/** Builds the services of {@link SyncApiModule} over the store repositories and the job queues. */
export function buildSyncApiProviders(wiring: SyncWiring): SyncApiProviders {
  const associations = new AssociationRepository(wiring.store);
  const cipher = new CredentialCipher(wiring.encryptionKey);
  const destinations = new DestinationRepository(wiring.store, cipher);
  const githubApps = new GithubAppRepository(wiring.store, cipher);
  const config = new GlobalConfigRepository(wiring.store);
  const capacity = new QueueCapacityGuard(config, wiring.queues);
  const purges = new PurgeService({ destinations, associations, queues: wiring.queues, capacity });
  return {
    associations: new AssociationService({ associations, destinations, mounts: wiring.mounts, queues: wiring.queues, capacity }),
    destinations: new DestinationService(destinations, purges, githubApps),
    githubApps: new GithubAppService(githubApps, destinations),
    activation: new ActivationService(new ActivationFlagRepository(wiring.store), { required: wiring.requireActivation }),
    config: new SyncConfigService(config, wiring.queues),
    purges,
    access: wiring.access,
  };
}
