import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AccessChecker, AccessRequest, PermissionDeniedError } from '@vault-sync/access';
import { CREDENTIAL_SENTINEL, VALID_DESTINATION_BODIES } from '@vault-sync/destinations-core';
import {
  DestinationAssociationsMessage,
  DestinationMessage,
  PROTO_LOADER_OPTIONS,
  SECRETS_SYNC_PACKAGE,
  SECRETS_SYNC_SERVICE,
  SecretsSyncMethod,
  jsonToStruct,
  secretsSyncProtoPath,
  structToJson,
} from '@vault-sync/grpc-contract';
import { SyncJobProducer } from '@vault-sync/jobs';
import { closeRedisConnection, connectRedis } from '@vault-sync/store';
import { ActivationService, MountResolver, ResolvedMount } from '@vault-sync/sync-service';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { SyncApiModule } from '../sync/sync-api.module';
import { buildSyncApiProviders } from '../sync/sync-wiring';
import { GrpcModule } from './grpc.module';
import { attachGrpcServer } from './grpc-server';

const TOKEN = 'hvs.grpc-test-token';
const GH = { type: 'gh', name: 'ci-repo' };

/** The gateway's access checker port with one valid token; records every check and can deny chosen paths. */
class FixedTokenAccessChecker implements AccessChecker {
  readonly checks: AccessRequest[] = [];
  readonly deniedPaths = new Set<string>();

  async authorize(request: AccessRequest): Promise<void> {
    this.checks.push(request);
    if (request.token !== TOKEN || this.deniedPaths.has(request.path)) throw new PermissionDeniedError();
  }
}

/** A mount table in memory, typed against the real port. */
class FixedMounts implements MountResolver {
  private readonly table = new Map<string, ResolvedMount>([
    ['kv', { accessor: 'kv_1a2b3c4d', type: 'kv', version: '2' }],
    ['legacy', { accessor: 'kv_0000', type: 'kv', version: '1' }],
  ]);

  async resolve(mountPath: string): Promise<ResolvedMount | undefined> {
    return this.table.get(mountPath);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type UnaryMethod = (request: object, metadata: grpc.Metadata, callback: (error: grpc.ServiceError | null, response: unknown) => void) => void;

describe('SecretsSync over gRPC (real client, real Redis)', () => {
  let redis: TestRedis;
  let producer: SyncJobProducer;
  let closeConnection: () => Promise<void>;
  let access: FixedTokenAccessChecker;
  let activation: ActivationService;
  let app: INestApplication;
  let client: grpc.Client;
  const redisErrors: Error[] = [];

  beforeEach(async () => {
    redis = await createTestRedis();
    const onError = (error: Error) => redisErrors.push(error);
    const connection = await connectRedis({ url: redis.url, flavour: 'fail-fast', onError });
    closeConnection = () => closeRedisConnection(connection);
    producer = new SyncJobProducer({ connection, keyPrefix: redis.prefix, onError });
    access = new FixedTokenAccessChecker();
    const providers = buildSyncApiProviders({
      store: { redis: redis.redis, prefix: redis.prefix },
      encryptionKey: randomBytes(32),
      queues: producer,
      mounts: new FixedMounts(),
      access,
      requireActivation: true,
    });
    activation = providers.activation;
    // The gateway's HTTP access guard is global (APP_GUARD) and reads HTTP requests: the attached gRPC server
    // must not inherit it, which this refusing stand-in proves.
    const refuseHttpOnly = { module: class RefusingGuardModule {}, providers: [{ provide: APP_GUARD, useValue: { canActivate: () => false } }] };
    const services = SyncApiModule.forRoot(providers);
    const moduleRef = await Test.createTestingModule({ imports: [services, refuseHttpOnly, GrpcModule] }).compile();
    app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: false });
    const port = await freePort();
    attachGrpcServer(app, port);
    await app.startAllMicroservices();
    await app.init();

    const definition = grpc.loadPackageDefinition(loadSync(secretsSyncProtoPath(), PROTO_LOADER_OPTIONS));
    const Client = (definition['vaultsync'] as grpc.GrpcObject)['v1'] as grpc.GrpcObject;
    const SecretsSync = Client[SECRETS_SYNC_SERVICE] as grpc.ServiceClientConstructor;
    expect(`${SECRETS_SYNC_PACKAGE}.${SECRETS_SYNC_SERVICE}`).toBe('vaultsync.v1.SecretsSync');
    client = new SecretsSync(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });

  const activate = () => activation.activate();

  describe('before secrets sync is activated (SYNC_REQUIRE_ACTIVATION)', () => {
    it('answers FAILED_PRECONDITION naming the activate endpoint, after the access check', async () => {
      expect(await failure(call('GetConfig', {}))).toEqual({
        code: grpc.status.FAILED_PRECONDITION,
        details: 'secrets sync is not activated: activate it once with PUT or POST sys/activation-flags/secrets-sync/activate',
      });
      expect((await failure(call('GetConfig', {}, {}))).code).toBe(grpc.status.PERMISSION_DENIED);
      await activate();
      expect(await call('GetConfig', {})).toEqual({ disabled: false, queue_capacity: 1000000 });
    });
  });

  afterEach(async () => {
    client.close();
    await app.close();
    await producer.close();
    await closeConnection();
    await redis.cleanup();
    expect(redisErrors).toEqual([]);
  });

  function call<T>(method: SecretsSyncMethod, request: object, metadata: Record<string, string> = { 'x-vault-token': TOKEN }): Promise<T> {
    const meta = new grpc.Metadata();
    for (const [key, value] of Object.entries(metadata)) meta.set(key, value);
    const unary = (client as unknown as Record<string, UnaryMethod>)[method].bind(client);
    return new Promise((resolve, reject) => unary(request, meta, (error, response) => (error ? reject(error) : resolve(response as T))));
  }

  async function failure(promise: Promise<unknown>): Promise<{ code: grpc.status; details: string }> {
    try {
      await promise;
    } catch (error) {
      const { code, details } = error as grpc.ServiceError;
      return { code, details };
    }
    throw new Error('expected the call to fail');
  }

  function createGh(config: Record<string, unknown> = VALID_DESTINATION_BODIES.gh): Promise<DestinationMessage> {
    return call<DestinationMessage>('WriteDestination', { ...GH, config: jsonToStruct(config) });
  }

  describe('destinations', () => {
    beforeEach(activate);

    it('creates, reads with masked credentials, lists, patches and deletes a destination', async () => {
      const created = await createGh();
      expect(created).toMatchObject({ name: 'ci-repo', type: 'gh' });
      expect(structToJson(created.connection_details)).toEqual({
        access_token: '*****',
        repository_owner: 'acme',
        repository_name: 'web',
        secrets_location: 'repository',
      });
      expect(structToJson(created.options)).toMatchObject({ granularity_level: 'secret-key' });

      const read = await call<DestinationMessage>('ReadDestination', GH);
      expect(structToJson(read.connection_details)).toEqual(structToJson(created.connection_details));
      expect(JSON.stringify(read)).not.toContain(CREDENTIAL_SENTINEL);

      await createGh({ ...VALID_DESTINATION_BODIES.gh, access_token: '*****' });
      expect(await call('ListDestinations', { type: '' })).toEqual({ destinations: [GH], total_destinations: 1 });
      expect(await call('ListDestinations', { type: 'aws-sm' })).toEqual({ destinations: [], total_destinations: 0 });

      const patched = await call<DestinationMessage>('PatchDestination', {
        ...GH,
        patch: jsonToStruct({ granularity: 'secret-path', secret_name_template: 'APP_{{ .SecretPath | uppercase }}' }),
      });
      expect(structToJson(patched.options)).toMatchObject({ granularity_level: 'secret-path', secret_name_template: 'APP_{{ .SecretPath | uppercase }}' });
      expect(structToJson(patched.connection_details)).toMatchObject({ access_token: '*****', repository_owner: 'acme' });

      expect(await call('DeleteDestination', { ...GH, purge: false, force_delete: false })).toEqual({ outcome: 'DELETE_OUTCOME_DELETED' });
      expect(await failure(call('ReadDestination', GH))).toEqual({ code: grpc.status.NOT_FOUND, details: 'destination gh/ci-repo does not exist' });
    });

    it('checks the same path and capability as the HTTP API', async () => {
      await createGh();
      await createGh();
      await call('ReadDestination', GH);
      await call('ListDestinations', { type: 'gh' });
      await call('DeleteDestination', { ...GH, purge: false, force_delete: false });
      expect(access.checks.map(({ path, capability }) => `${capability} ${path}`)).toEqual([
        'create sys/sync/destinations/gh/ci-repo',
        'update sys/sync/destinations/gh/ci-repo',
        'read sys/sync/destinations/gh/ci-repo',
        'list sys/sync/destinations/gh/',
        'delete sys/sync/destinations/gh/ci-repo',
      ]);
    });

    it('answers invalid configuration with INVALID_ARGUMENT naming the field, and never echoes a credential', async () => {
      const missing = await failure(createGh({ access_token: 'ghp_sentinel0000', repository_owner: 'acme' }));
      expect(missing.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(missing.details).toContain('repository_name');
      expect(missing.details).not.toContain(CREDENTIAL_SENTINEL);

      const template = await failure(createGh({ ...VALID_DESTINATION_BODIES.gh, secret_name_template: 'VAULT_{{ .SecretPath }}' }));
      expect(template.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(template.details).toMatch(/SecretKey/);
    });

    it('answers an unknown type or an empty name with INVALID_ARGUMENT', async () => {
      expect(await failure(call('ReadDestination', { type: 'ftp', name: 'x' }))).toEqual({
        code: grpc.status.INVALID_ARGUMENT,
        details: 'type: must be one of aws-sm, azure-kv, gcp-sm, gh, vercel-project',
      });
      expect(await failure(call('ReadDestination', { type: 'gh', name: '' }))).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: 'name: is required' });
    });

    it('refuses to delete a destination still managing secrets, unless forced', async () => {
      await createGh();
      await call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/db' });
      const refused = await failure(call('DeleteDestination', { ...GH, purge: false, force_delete: false }));
      expect(refused.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(refused.details).toContain('store cannot be deleted because it is still managing secrets');
      expect(await call('DeleteDestination', { ...GH, purge: false, force_delete: true })).toEqual({ outcome: 'DELETE_OUTCOME_DELETED' });
    });

    it('starts a purge and reports it', async () => {
      await createGh();
      await call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/db' });
      expect(await call('DeleteDestination', { ...GH, purge: true, force_delete: false })).toEqual({ outcome: 'DELETE_OUTCOME_PURGING' });
      expect((await call<DestinationMessage>('ReadDestination', GH)).purge_initiated_at).toEqual(expect.any(String));
    });
  });

  describe('associations', () => {
    beforeEach(activate);

    it('sets an association, queues its sync and lists it from both sides', async () => {
      await createGh();
      const set = await call<DestinationAssociationsMessage>('SetAssociation', { ...GH, mount: 'kv/', secret_name: 'app/db' });
      expect(set).toEqual({
        store_name: 'ci-repo',
        store_type: 'gh',
        associated_secrets: {
          'kv_1a2b3c4d/app/db': { accessor: 'kv_1a2b3c4d', secret_name: 'app/db', sync_status: 'PENDING', updated_at: expect.any(String) },
        },
      });
      expect(await producer.pendingCount()).toBe(1);
      expect(access.checks.slice(-2).map(({ path, capability }) => `${capability} ${path}`)).toEqual([
        'update sys/sync/destinations/gh/ci-repo/associations/set',
        'read kv/data/app/db',
      ]);

      expect(await call('ListAssociations', GH)).toEqual(set);
      expect(await call('GetSecretDestinations', { mount: 'kv', secret_name: 'app/db' })).toEqual({
        associated_destinations: { 'gh/ci-repo': { type: 'gh', name: 'ci-repo', sync_status: 'PENDING', updated_at: expect.any(String), sub_keys: {} } },
      });
      expect(await call('ListSecrets', {})).toEqual({
        secrets: [{ key: 'kv/app/db', mount: 'kv/', secret_path: 'app/db' }],
        total_associations: 1,
        total_secrets: 1,
      });
    });

    it('removes an association by queueing its unsync', async () => {
      await createGh();
      await call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/db' });
      expect(await producer.pendingCount()).toBe(1);
      const removed = await call<DestinationAssociationsMessage>('RemoveAssociation', { ...GH, mount: 'kv', secret_name: 'app/db' });
      // Stays listed, queued, until a worker has unsynced it.
      expect(removed.associated_secrets['kv_1a2b3c4d/app/db']?.sync_status).toBe('PENDING');
      expect(await producer.pendingCount()).toBe(2);
      expect(access.checks.at(-1)).toMatchObject({ path: 'sys/sync/destinations/gh/ci-repo/associations/remove', capability: 'update' });
    });

    it('refuses a caller who may not read the secret, with Vault-like wording', async () => {
      await createGh();
      access.deniedPaths.add('kv/data/app/db');
      expect(await failure(call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/db' }))).toEqual({
        code: grpc.status.PERMISSION_DENIED,
        details: 'permission denied to read the content of the secret app/db in mount kv',
      });
      expect(await producer.pendingCount()).toBe(0);
    });

    it('answers INVALID_ARGUMENT for a folder or a non-KV-v2 mount, and NOT_FOUND for unknown things', async () => {
      await createGh();
      expect(await failure(call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/' }))).toEqual({
        code: grpc.status.INVALID_ARGUMENT,
        details: 'secret_name: must name a secret, not a folder (no trailing /)',
      });
      const legacy = await failure(call('SetAssociation', { ...GH, mount: 'legacy', secret_name: 'app/db' }));
      expect(legacy).toEqual({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('mount "legacy"') });
      expect((await failure(call('SetAssociation', { ...GH, mount: 'nowhere', secret_name: 'app/db' }))).code).toBe(grpc.status.NOT_FOUND);
      expect(await failure(call('ListAssociations', { type: 'gh', name: 'missing' }))).toEqual({
        code: grpc.status.NOT_FOUND,
        details: 'destination gh/missing does not exist',
      });
    });
  });

  describe('global config', () => {
    beforeEach(activate);

    it('reads, patches only the fields sent, and resets', async () => {
      expect(await call('GetConfig', {})).toEqual({ disabled: false, queue_capacity: 1000000 });
      expect(await call('PatchConfig', { queue_capacity: 5 })).toEqual({ disabled: false, queue_capacity: 5 });
      expect(await call('PatchConfig', { disabled: true })).toEqual({ disabled: true, queue_capacity: 5 });
      expect((await failure(call('PatchConfig', { queue_capacity: 0 }))).code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(await call('ResetConfig', {})).toEqual({ disabled: false, queue_capacity: 1000000 });
    });

    it('answers a full queue with RESOURCE_EXHAUSTED', async () => {
      await createGh();
      await call('PatchConfig', { queue_capacity: 1 });
      await call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/one' });
      const full = await failure(call('SetAssociation', { ...GH, mount: 'kv', secret_name: 'app/two' }));
      expect(full.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect(full.details).toContain('queue_capacity is 1');
    });
  });

  describe('authentication', () => {
    beforeEach(activate);

    it('accepts the token as a bearer authorization', async () => {
      expect(await call('GetConfig', {}, { authorization: `Bearer ${TOKEN}` })).toEqual({ disabled: false, queue_capacity: 1000000 });
    });

    it.each([
      ['no token', {}],
      ['a wrong token', { 'x-vault-token': 'hvs.wrong' }],
      ['another authorization scheme', { authorization: `Basic ${TOKEN}` }],
    ])('answers %s with PERMISSION_DENIED before looking at the request', async (_title, metadata) => {
      expect(await failure(call('ReadDestination', { type: 'ftp', name: '' }, metadata))).toEqual({
        code: grpc.status.PERMISSION_DENIED,
        details: 'permission denied',
      });
    });
  });
});
