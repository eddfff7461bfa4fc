import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import {
  AssociationRequest,
  DestinationAssociationsMessage,
  DestinationRef,
  ListSecretsRequest,
  SECRETS_SYNC_SERVICE,
  SecretDestinationsMessage,
  SecretRef,
  SecretsListMessage,
  SecretsSyncMethod,
} from '@vault-sync/grpc-contract';
import { AssociationService } from '@vault-sync/sync-service';
import { GrpcCallerAccess, SyncApiPath } from './grpc-access';
import { GrpcErrorFilter } from './grpc-error.filter';
import { parseAssociationRequest, parseDestinationRef, parseSecretRef } from './grpc-requests';
import { toSecretsList } from './grpc-messages';

/** Associations over gRPC (spec §3.6-§3.8). The association documents already have the messages' shape. */
@Controller()
@UseFilters(GrpcErrorFilter)
export class AssociationsGrpcController {
  constructor(
    @Inject(AssociationService) private readonly associations: AssociationService,
    @Inject(GrpcCallerAccess) private readonly access: GrpcCallerAccess,
  ) {}

  /** Needs the right to read the secret itself too (spec §3.7 step 2), checked once the request is valid. */
  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.SetAssociation)
  async set(request: AssociationRequest, metadata: Metadata): Promise<DestinationAssociationsMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.setAssociation(request), capability: 'update' });
    const { ref, mount, secret_name } = parseAssociationRequest(request);
    await this.access.authorizeSecretRead(metadata, mount, secret_name);
    return this.associations.set(ref, mount, secret_name);
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.RemoveAssociation)
  async remove(request: AssociationRequest, metadata: Metadata): Promise<DestinationAssociationsMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.removeAssociation(request), capability: 'update' });
    const { ref, mount, secret_name } = parseAssociationRequest(request);
    return this.associations.remove(ref, mount, secret_name);
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.ListAssociations)
  async list(request: DestinationRef, metadata: Metadata): Promise<DestinationAssociationsMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.associations(request), capability: 'read' });
    const ref = parseDestinationRef(request);
    return this.associations.list(ref);
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.GetSecretDestinations)
  async destinationsOfSecret(request: SecretRef, metadata: Metadata): Promise<SecretDestinationsMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.secretDestinations(), capability: 'read' });
    const { mount, secret_name } = parseSecretRef(request);
    return this.associations.destinationsOfSecret(mount, secret_name);
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.ListSecrets)
  async listSecrets(_request: ListSecretsRequest, metadata: Metadata): Promise<SecretsListMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.secretListing(), capability: 'list' });
    return toSecretsList(await this.associations.listSecrets());
  }
}
