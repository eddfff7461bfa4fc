import { Association, ClientSideError, ConfigurationError, DestinationRef, ErrorCode, associationId } from '@vault-sync/domain';
import { SyncJobProducer } from '@vault-sync/jobs';
import {
  AssociationRepository,
  DestinationNotFoundError,
  DestinationPurgingError,
  DestinationRepository,
  StoredDestination,
} from '@vault-sync/store';
import { associationJobRef } from './association-job-ref';
import { queueAssociationRemoval } from './association-removal';
import {
  DestinationAssociationsView,
  SecretDestinationsView,
  SecretsView,
  toDestinationAssociationsView,
  toSecretDestinationsView,
  toSecretsView,
} from './association-views';
import { MountResolver, ResolvedMount, isKvV2, normalizeMountPath } from './mount-resolver';
import { QueueCapacityGuard } from './queue-capacity.guard';

export interface AssociationServiceDependencies {
  associations: Pick<AssociationRepository, 'set' | 'get' | 'applyEvent' | 'listByDestination' | 'findBySecret'>;
  destinations: Pick<DestinationRepository, 'getMasked' | 'list'>;
  mounts: MountResolver;
  queues: Pick<SyncJobProducer, 'enqueueSync' | 'enqueueUnsync'>;
  capacity: QueueCapacityGuard;
}

/**
 * Associations (spec §3.6-§3.8). Operations are recorded, then queued; while sync is disabled the queues are
 * paused, so the association simply stays PENDING. A full queue refuses the operation before anything is
 * written. Permission checks on the secret (spec §3.7 step 2) belong to the gateway, which knows the caller.
 */
export class AssociationService {
  constructor(private readonly deps: AssociationServiceDependencies) {}

  /** `associations/set`: creates the association and queues a sync, or on an existing one queues a refresh. */
  async set(destination: DestinationRef, mountPath: string, secretPath: string): Promise<DestinationAssociationsView> {
    const stored = await this.requireDestination(destination);
    if (stored.purgeInitiatedAt !== undefined) throw new DestinationPurgingError(destination);
    const mount = normalizeMountPath(mountPath);
    const resolved = await this.resolveMount(mount);
    if (!isKvV2(resolved)) {
      const kind = resolved.version === undefined ? resolved.type : `${resolved.type} version ${resolved.version}`;
      throw new ConfigurationError(
        ErrorCode.InvalidConfiguration,
        `mount "${mount}" is a ${kind} mount: only KV version 2 secrets can be synced`,
        'mount',
      );
    }
    await this.deps.capacity.assertRoomFor(1);
    const { association } = await this.deps.associations.set({ destination, mountAccessor: resolved.accessor, secretPath, mountPath: mount });
    await this.deps.queues.enqueueSync(associationJobRef(association), association.generation, 'api');
    return this.list(destination);
  }

  /**
   * `associations/remove`: queues an unsync; the association goes once the unsync succeeds. Removing one that
   * does not exist succeeds (spec §3.7). A mount that no longer resolves (disabled since) is matched on the
   * mount path recorded with the association, so orphaned associations can still be removed.
   */
  async remove(destination: DestinationRef, mountPath: string, secretPath: string): Promise<DestinationAssociationsView> {
    await this.requireDestination(destination);
    const association = await this.findForRemoval(destination, normalizeMountPath(mountPath), secretPath);
    if (association !== undefined) {
      await this.deps.capacity.assertRoomFor(1);
      await queueAssociationRemoval(this.deps, association);
    }
    return this.list(destination);
  }

  /** `GET .../associations` (spec §3.6). */
  async list(destination: DestinationRef): Promise<DestinationAssociationsView> {
    await this.requireDestination(destination);
    return toDestinationAssociationsView(destination, await this.deps.associations.listByDestination(destination));
  }

  /** `GET sys/sync/associations/destinations?mount=&secret_name=` (spec §3.8). */
  async destinationsOfSecret(mountPath: string, secretPath: string): Promise<SecretDestinationsView> {
    const resolved = await this.resolveMount(normalizeMountPath(mountPath));
    return toSecretDestinationsView(await this.deps.associations.findBySecret({ mountAccessor: resolved.accessor, secretPath }));
  }

  /**
   * `GET sys/sync/associations/:mount/:secret_name` (spec §3.8): `path` is mount and secret path in one, so the
   * mount is the longest leading part of it that is a mount (the query form above needs no guessing).
   */
  async destinationsOfSecretAt(path: string): Promise<SecretDestinationsView> {
    const segments = normalizeMountPath(path).split('/');
    for (let split = segments.length - 1; split >= 1; split--) {
      const resolved = await this.deps.mounts.resolve(segments.slice(0, split).join('/'));
      if (resolved === undefined) continue;
      const secretPath = segments.slice(split).join('/');
      return toSecretDestinationsView(await this.deps.associations.findBySecret({ mountAccessor: resolved.accessor, secretPath }));
    }
    throw new ClientSideError(ErrorCode.MountNotFound, `no mount serves "${path}"`);
  }

  /** `LIST sys/sync/associations` (spec §3.8): reads every destination's associations. */
  async listSecrets(): Promise<SecretsView> {
    const destinations = await this.deps.destinations.list();
    const associations = await Promise.all(destinations.map((destination) => this.deps.associations.listByDestination(destination)));
    return toSecretsView(associations.flat());
  }

  private async requireDestination(destination: DestinationRef): Promise<StoredDestination> {
    const stored = await this.deps.destinations.getMasked(destination);
    if (stored === undefined) throw new DestinationNotFoundError(destination);
    return stored;
  }

  private async resolveMount(mountPath: string): Promise<ResolvedMount> {
    const resolved = await this.deps.mounts.resolve(mountPath);
    if (resolved === undefined) throw new ClientSideError(ErrorCode.MountNotFound, `no mount at path "${mountPath}"`);
    return resolved;
  }

  private async findForRemoval(destination: DestinationRef, mountPath: string, secretPath: string): Promise<Association | undefined> {
    const resolved = await this.deps.mounts.resolve(mountPath);
    if (resolved !== undefined) return this.deps.associations.get(associationId(destination, { mountAccessor: resolved.accessor, secretPath }));
    const associations = await this.deps.associations.listByDestination(destination);
    return associations.find((association) => association.mountPath === mountPath && association.secretPath === secretPath);
  }
}
