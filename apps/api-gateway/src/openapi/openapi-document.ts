import { commonFieldsSchema } from '@vault-sync/destinations-core';
import { DESTINATION_TYPES } from '@vault-sync/destinations-registry';
import { DESTINATION_KINDS } from '@vault-sync/domain';
import { z } from 'zod';
import { associationBodySchema, githubAppBodySchema, syncConfigPatchSchema } from '../sync-http/request-schemas';

type JsonSchema = Record<string, unknown>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Operation {
  summary: string;
  /** A `LIST` path: modelled as GET with `list=true`, as Vault's own OpenAPI document does (spec §2). */
  list?: boolean;
  query?: { name: string; required: boolean; schema: JsonSchema; description: string }[];
  body?: { schema: JsonSchema; mediaType?: string };
  /** Status of the success answer; 200 with the Vault envelope unless 204. */
  noContent?: boolean;
}

/** Base path of every operation; route paths in {@link SYNC_API_PATHS} are relative to it. */
export const API_BASE_PATH = '/v1';

const TO_JSON_SCHEMA = { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' } as const;

function schemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, TO_JSON_SCHEMA) as JsonSchema;
}

/**
 * A destination write body: the common fields (spec §4.6) and the type's own, from the same zod schemas that
 * validate requests. Nothing is marked required: what a write needs depends on whether it creates or updates.
 */
function destinationBodySchema(kind: (typeof DESTINATION_KINDS)[number]): JsonSchema {
  const common = schemaOf(commonFieldsSchema);
  const own = schemaOf(DESTINATION_TYPES[kind].fieldsSchema);
  return {
    type: 'object',
    description: `Write body of a ${DESTINATION_TYPES[kind].displayName} destination. Lists also accept comma-separated strings, booleans "true"/"false".`,
    properties: { ...(common['properties'] as JsonSchema), ...(own['properties'] as JsonSchema) },
    additionalProperties: false,
  };
}

const destinationWriteBody = {
  schema: { oneOf: DESTINATION_KINDS.map((kind) => ({ $ref: `#/components/schemas/${destinationSchemaName(kind)}` })) },
};
const githubAppWriteBody = { schema: schemaOf(githubAppBodySchema) };
const booleanQuery = (name: string, description: string) => ({ name, required: false, schema: { type: 'boolean' }, description });

/** Every operation the HTTP API serves, by path (relative to {@link API_BASE_PATH}) and method. */
export const SYNC_API_PATHS: Readonly<Record<string, Partial<Record<Method, Operation>>>> = {
  '/sys/health': { get: { summary: 'Health in the shape of Vault\'s, plus Redis; unauthenticated' } },
  '/sys/sync/openapi.json': { get: { summary: 'This document; unauthenticated' } },
  '/sys/sync/config': {
    get: { summary: 'Read the global sync configuration' },
    patch: { summary: 'Update disabled and/or queue_capacity', body: { schema: schemaOf(syncConfigPatchSchema), mediaType: 'application/merge-patch+json' } },
    delete: { summary: 'Reset the global sync configuration to its defaults' },
  },
  '/sys/sync/destinations': { get: { summary: 'List destination names grouped by type', list: true } },
  '/sys/sync/destinations/{type}': { get: { summary: 'List the destination names of one type', list: true } },
  '/sys/sync/destinations/{type}/{name}': {
    get: { summary: 'Read a destination, credentials masked' },
    post: { summary: 'Create a destination, or update the fields supplied', body: destinationWriteBody },
    put: { summary: 'Same as POST', body: destinationWriteBody },
    patch: { summary: 'JSON merge patch of a destination; tags_to_remove applies', body: { ...destinationWriteBody, mediaType: 'application/merge-patch+json' } },
    delete: {
      summary: 'Delete a destination; refused while it has associations unless purge or force_delete',
      query: [booleanQuery('purge', 'Unsync every association first, then delete'), booleanQuery('force_delete', 'Delete now, orphaning external secrets')],
      noContent: true,
    },
  },
  '/sys/sync/destinations/{type}/{name}/associations': { get: { summary: 'Associations of a destination, with per-(sub)key status' } },
  '/sys/sync/destinations/{type}/{name}/associations/set': {
    post: { summary: 'Associate a secret (or refresh an existing association)', body: { schema: schemaOf(associationBodySchema) } },
    put: { summary: 'Same as POST', body: { schema: schemaOf(associationBodySchema) } },
  },
  '/sys/sync/destinations/{type}/{name}/associations/remove': {
    post: { summary: 'Dissociate a secret and unsync it', body: { schema: schemaOf(associationBodySchema) } },
    put: { summary: 'Same as POST', body: { schema: schemaOf(associationBodySchema) } },
  },
  '/sys/sync/associations': { get: { summary: 'Every secret with at least one association, plus totals', list: true } },
  '/sys/sync/associations/destinations': {
    get: {
      summary: 'Destinations of one secret, by query parameters (safe for nested paths)',
      query: [
        { name: 'mount', required: true, schema: { type: 'string' }, description: 'Mount path of the secret' },
        { name: 'secret_name', required: true, schema: { type: 'string' }, description: 'Path of the secret inside the mount' },
      ],
    },
  },
  '/sys/sync/associations/{mount_and_secret_name}': { get: { summary: 'Destinations of one secret, by path: <mount>/<secret_name>' } },
  '/sys/sync/github-apps': { get: { summary: 'List the configured GitHub apps', list: true } },
  '/sys/sync/github-apps/{name}': {
    get: { summary: 'Read a GitHub app: app_id, name, key fingerprint; private key masked' },
    post: { summary: 'Create a GitHub app (app_id and private_key), or replace its private key; app_id is immutable', body: githubAppWriteBody },
    put: { summary: 'Same as POST', body: githubAppWriteBody },
    delete: { summary: 'Delete a GitHub app; refused while a gh destination uses it (app_name)' },
  },
  '/sys/activation-flags': { get: { summary: 'Activated and unactivated features; unauthenticated' } },
  '/sys/activation-flags/secrets-sync/activate': {
    post: { summary: 'Activate secrets sync, once and for good' },
    put: { summary: 'Same as POST' },
  },
};

function destinationSchemaName(kind: string): string {
  return `DestinationWrite_${kind.replace(/-/g, '_')}`;
}

const PATH_PARAMETER_DESCRIPTIONS: Readonly<Record<string, JsonSchema>> = {
  type: { type: 'string', enum: [...DESTINATION_KINDS] },
  name: { type: 'string' },
  mount_and_secret_name: { type: 'string' },
};

function operationObject(path: string, operation: Operation): JsonSchema {
  const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: PATH_PARAMETER_DESCRIPTIONS[name] }));
  const queryParameters = [
    ...(operation.list ? [{ name: 'list', in: 'query', required: true, schema: { type: 'boolean', enum: [true] }, description: 'The LIST verb, as a query parameter' }] : []),
    ...(operation.query ?? []).map((parameter) => ({ ...parameter, in: 'query' })),
  ];
  const success = operation.noContent
    ? { '204': { description: 'Done' } }
    : { '200': { description: 'Vault envelope; the endpoint\'s document under data', content: { 'application/json': { schema: { $ref: '#/components/schemas/VaultResponse' } } } } };
  return {
    summary: operation.summary,
    parameters: [...pathParameters, ...queryParameters],
    ...(operation.body === undefined
      ? {}
      : { requestBody: { required: true, content: { [operation.body.mediaType ?? 'application/json']: { schema: operation.body.schema } } } }),
    responses: {
      ...success,
      default: { description: 'Vault error envelope (404 has an empty list)', content: { 'application/json': { schema: { $ref: '#/components/schemas/VaultErrors' } } } },
    },
  };
}

/** The OpenAPI 3 description of the HTTP API, served at `GET /v1/sys/sync/openapi.json`. */
export function buildOpenApiDocument(version: string): JsonSchema {
  const paths = Object.fromEntries(
    Object.entries(SYNC_API_PATHS).map(([path, operations]) => [
      path,
      Object.fromEntries(Object.entries(operations).map(([method, operation]) => [method, operationObject(path, operation)])),
    ]),
  );
  return {
    openapi: '3.0.3',
    info: { title: 'vault-sync: Vault-compatible Secrets Sync API', version },
    servers: [{ url: API_BASE_PATH }],
    security: [{ vaultToken: [] }, { bearerToken: [] }],
    paths,
    components: {
      securitySchemes: {
        vaultToken: { type: 'apiKey', in: 'header', name: 'X-Vault-Token' },
        bearerToken: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        ...Object.fromEntries(DESTINATION_KINDS.map((kind) => [destinationSchemaName(kind), destinationBodySchema(kind)])),
        VaultResponse: {
          type: 'object',
          properties: {
            request_id: { type: 'string' },
            lease_id: { type: 'string' },
            renewable: { type: 'boolean' },
            lease_duration: { type: 'integer' },
            data: { type: 'object' },
            wrap_info: { nullable: true },
            warnings: { nullable: true },
            auth: { nullable: true },
            mount_type: { type: 'string' },
          },
        },
        VaultErrors: { type: 'object', properties: { errors: { type: 'array', items: { type: 'string' } } }, required: ['errors'] },
      },
    },
  };
}
