import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { createDestinationInput, destinationReadShape, updateDestinationInput } from '@vault-sync/destinations-core';
import { DESTINATION_TYPES } from '@vault-sync/destinations-registry';
import {
  DeleteDestinationRequest,
  DeleteDestinationResponse,
  DestinationMessage,
  DestinationRef,
  ListDestinationsRequest,
  ListDestinationsResponse,
  PatchDestinationRequest,
  SECRETS_SYNC_SERVICE,
  SecretsSyncMethod,
  WriteDestinationRequest,
  deleteDestinationRequestSchema,
  listDestinationsRequestSchema,
  parseRequest,
  structToJson,
} from '@vault-sync/grpc-contract';
import { DestinationService } from '@vault-sync/sync-service';
import { GrpcCallerAccess, SyncApiPath } from './grpc-access';
import { GrpcErrorFilter } from './grpc-error.filter';
import { parseDestinationRef } from './grpc-requests';
import { toDeleteOutcome, toDestinationList, toDestinationMessage } from './grpc-messages';

/**
 * Destinations over gRPC (spec §3.2-§3.5): the HTTP API's checks and services, with a Struct for the JSON body.
 * Every call checks access first (on the path as requested), then validates, as Vault does.
 */
@Controller()
@UseFilters(GrpcErrorFilter)
export class DestinationsGrpcController {
  constructor(
    @Inject(DestinationService) private readonly destinations: DestinationService,
    @Inject(GrpcCallerAccess) private readonly access: GrpcCallerAccess,
  ) {}

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.WriteDestination)
  async write(request: WriteDestinationRequest, metadata: Metadata): Promise<DestinationMessage> {
    await this.access.authorizeDestinationWrite(metadata, request);
    const ref = parseDestinationRef(request);
    const spec = DESTINATION_TYPES[ref.type];
    const body = structToJson(request.config);
    const stored = await this.destinations.write(ref, (current) =>
      current === undefined ? createDestinationInput(spec, ref.name, body) : updateDestinationInput(spec, current, body, 'replace'),
    );
    return toDestinationMessage(destinationReadShape(spec, stored));
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.PatchDestination)
  async patch(request: PatchDestinationRequest, metadata: Metadata): Promise<DestinationMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.destination(request), capability: 'patch' });
    const ref = parseDestinationRef(request);
    const spec = DESTINATION_TYPES[ref.type];
    const patch = structToJson(request.patch);
    const stored = await this.destinations.patch(ref, (current) => updateDestinationInput(spec, current, patch, 'merge-patch'));
    return toDestinationMessage(destinationReadShape(spec, stored));
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.ReadDestination)
  async read(request: DestinationRef, metadata: Metadata): Promise<DestinationMessage> {
    await this.access.authorize(metadata, { path: SyncApiPath.destination(request), capability: 'read' });
    const ref = parseDestinationRef(request);
    return toDestinationMessage(destinationReadShape(DESTINATION_TYPES[ref.type], await this.destinations.read(ref)));
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.ListDestinations)
  async list(request: ListDestinationsRequest, metadata: Metadata): Promise<ListDestinationsResponse> {
    await this.access.authorize(metadata, { path: SyncApiPath.destinationListing(request.type), capability: 'list' });
    const { type } = parseRequest(listDestinationsRequestSchema, request);
    return toDestinationList(await this.destinations.list(type));
  }

  @GrpcMethod(SECRETS_SYNC_SERVICE, SecretsSyncMethod.DeleteDestination)
  async delete(request: DeleteDestinationRequest, metadata: Metadata): Promise<DeleteDestinationResponse> {
    await this.access.authorize(metadata, { path: SyncApiPath.destination(request), capability: 'delete' });
    const ref = parseDestinationRef(request);
    const { purge, force_delete } = parseRequest(deleteDestinationRequestSchema, request);
    return { outcome: toDeleteOutcome(await this.destinations.delete(ref, { purge, forceDelete: force_delete })) };
  }
}
