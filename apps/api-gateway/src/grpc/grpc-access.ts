import type { Metadata } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import type { AccessChecker, Capability } from '@vault-sync/access';
import { isDestinationKind } from '@vault-sync/domain';
import { DestinationNotFoundError } from '@vault-sync/store';
import { ActivationService, DestinationService, normalizeMountPath } from '@vault-sync/sync-service';
import { isPermissionDenied } from '../auth/permission-denied';
import { SecretReadDeniedError } from '../auth/secret-read-denied.error';
import { ACCESS_CHECKER } from '../sync/tokens';
import { callerToken } from './caller-token';

/** A Vault ACL check: the caller needs `capability` on `path` (relative to /v1/). */
export interface RequiredAccess {
  path: string;
  capability: Capability;
}

/** Type and name as the caller sent them: access is checked before the request is validated, as Vault does. */
export interface RequestedDestination {
  type: string;
  name: string;
}

const SYNC = 'sys/sync';

/**
 * The policy path of each operation: the path of its HTTP twin (spec §3.0), listings ending in `/` as Vault's
 * do, so one ACL policy grants the same thing over both APIs.
 */
export const SyncApiPath = {
  destination: (ref: RequestedDestination) => `${SYNC}/destinations/${ref.type}/${ref.name}`,
  destinationListing: (type: string) => (type === '' ? `${SYNC}/destinations/` : `${SYNC}/destinations/${type}/`),
  associations: (ref: RequestedDestination) => `${SyncApiPath.destination(ref)}/associations`,
  setAssociation: (ref: RequestedDestination) => `${SyncApiPath.associations(ref)}/set`,
  removeAssociation: (ref: RequestedDestination) => `${SyncApiPath.associations(ref)}/remove`,
  secretDestinations: () => `${SYNC}/associations/destinations`,
  secretListing: () => `${SYNC}/associations/`,
  config: () => `${SYNC}/config`,
  /** Spec §3.7 step 2: associating a secret needs read access to its content. */
  secretData: (mount: string, secretName: string) => `${normalizeMountPath(mount)}/data/${secretName}`,
} as const;

/** Checks the caller of a gRPC call, identified by the token in its metadata, with the gateway's access checker. */
@Injectable()
export class GrpcCallerAccess {
  constructor(
    @Inject(ACCESS_CHECKER) private readonly checker: AccessChecker,
    @Inject(DestinationService) private readonly destinations: DestinationService,
    @Inject(ActivationService) private readonly activation: ActivationService,
  ) {}

  /**
   * @throws PermissionDeniedError when the check fails, a missing token included; then FeatureNotActivatedError
   * while SYNC_REQUIRE_ACTIVATION holds the feature back (spec §3.9), in the HTTP API's order.
   */
  async authorize(metadata: Metadata, required: RequiredAccess): Promise<void> {
    await this.checker.authorize({ token: callerToken(metadata), ...required });
    await this.activation.requireActive();
  }

  /** A create-or-update needs `create` on a new destination and `update` on an existing one (Vault's existence check). */
  async authorizeDestinationWrite(metadata: Metadata, requested: RequestedDestination): Promise<void> {
    const capability = (await this.destinationExists(requested)) ? 'update' : 'create';
    await this.authorize(metadata, { path: SyncApiPath.destination(requested), capability });
  }

  /** Associating needs the right to read the secret; refused with Vault's wording (spec §3.7 step 2). */
  async authorizeSecretRead(metadata: Metadata, mount: string, secretName: string): Promise<void> {
    try {
      await this.authorize(metadata, { path: SyncApiPath.secretData(mount, secretName), capability: 'read' });
    } catch (err) {
      if (isPermissionDenied(err)) throw new SecretReadDeniedError(mount, secretName);
      throw err;
    }
  }

  private async destinationExists({ type, name }: RequestedDestination): Promise<boolean> {
    if (!isDestinationKind(type) || name === '') return false;
    try {
      await this.destinations.read({ type, name });
      return true;
    } catch (err) {
      if (err instanceof DestinationNotFoundError) return false;
      throw err;
    }
  }
}
