import { validateDestinationName } from '@vault-sync/destinations-core';
import { DestinationRef } from '@vault-sync/domain';
import {
  AssociationRequest,
  PatchConfigRequest,
  SecretRef,
  associationRequestSchema,
  destinationRefSchema,
  parseRequest,
  patchConfigRequestSchema,
  secretRefSchema,
} from '@vault-sync/grpc-contract';
import { mountField, secretNameField, syncConfigPatchSchema } from '../sync-http/request-schemas';

/**
 * The contract's message schemas with the HTTP API's rules for the same fields (destination names, mount and
 * secret paths, queue_capacity range), so both APIs accept exactly the same values.
 * @throws ConfigurationError naming each field at fault (INVALID_ARGUMENT)
 */
const secretFields = { mount: mountField, secret_name: secretNameField };
const grpcSecretRefSchema = secretRefSchema.extend(secretFields);
const grpcAssociationRequestSchema = associationRequestSchema.extend(secretFields);
const grpcConfigPatchSchema = patchConfigRequestSchema.extend({ queue_capacity: syncConfigPatchSchema.shape.queue_capacity });

export function parseDestinationRef(request: unknown): DestinationRef {
  const { type, name } = parseRequest(destinationRefSchema, request);
  validateDestinationName(name);
  return { type, name };
}

export function parseAssociationRequest(request: AssociationRequest): { ref: DestinationRef } & SecretRef {
  const { mount, secret_name } = parseRequest(grpcAssociationRequestSchema, request);
  return { ref: parseDestinationRef(request), mount, secret_name };
}

export function parseSecretRef(request: SecretRef): SecretRef {
  return parseRequest(grpcSecretRefSchema, request);
}

export function parseConfigPatch(request: PatchConfigRequest): { disabled?: boolean; queueCapacity?: number } {
  const { disabled, queue_capacity } = parseRequest(grpcConfigPatchSchema, request);
  return { disabled, queueCapacity: queue_capacity };
}
