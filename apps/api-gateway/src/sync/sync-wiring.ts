import type { AccessChecker } from '@vault-sync/access';
import { SyncJobProducer } from '@vault-sync/jobs';
import { AssociationRepository, CredentialCipher, DestinationRepository, GlobalConfigRepository, StoreContext } from '@vault-sync/store';
import {
  AssociationService,
  DestinationService,
  MountResolver,
  PurgeService,
  QueueCapacityGuard,
  SyncConfigService,
} from '@vault-sync/sync-service';
import { SyncApiProviders } from './sync-api.module';

export interface SyncWiring {
  store: StoreContext;
  /** Encrypts destination credentials at rest (store's `loadEncryptionKey`). */
  encryptionKey: Buffer;
  queues: SyncJobProducer;
  mounts: MountResolver;
  access: AccessChecker;
}

/** Builds the services of {@link SyncApiModule} over the store repositories and the job queues. */
export function buildSyncApiProviders(wiring: SyncWiring): SyncApiProviders {
  const associations = new AssociationRepository(wiring.store);
  const destinations = new DestinationRepository(wiring.store, new CredentialCipher(wiring.encryptionKey));
  const config = new GlobalConfigRepository(wiring.store);
  const capacity = new QueueCapacityGuard(config, wiring.queues);
  const purges = new PurgeService({ destinations, associations, queues: wiring.queues, capacity });
  return {
    associations: new AssociationService({ associations, destinations, mounts: wiring.mounts, queues: wiring.queues, capacity }),
    destinations: new DestinationService(destinations, purges),
    config: new SyncConfigService(config, wiring.queues),
    purges,
    access: wiring.access,
  };
}
