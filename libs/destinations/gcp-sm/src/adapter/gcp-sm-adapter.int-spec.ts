import { vaultSyncFailureOf } from '@vault-sync/testing';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '@vault-sync/testing/emulators/gcp-sm';
import { desiredObject, gcpSmDestination, inspected, PROJECT } from './__fixtures__/gcp-sm-destinations';
import { emulatorEndpoint, otherClient, storedSecret } from './__fixtures__/gcp-sm-emulator';
import { GcpSecretManagerAdapterFactory } from './gcp-sm-adapter-factory';

const PROJECT_NUMBER = '424242424242';
const KEY = (location: string) => `projects/kms-project/locations/${location}/keyRings/sync/cryptoKeys/secrets`;

describe('gcp-sm adapter: secret lifecycle against the emulator', () => {
  let emulator: RunningGcpSmEmulator;
  let factory: GcpSecretManagerAdapterFactory;
  let other: SecretManagerServiceClient;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startGcpSmEmulator({ projects: [{ id: PROJECT, number: PROJECT_NUMBER }] });
    factory = new GcpSecretManagerAdapterFactory(emulatorEndpoint(emulator));
    other = otherClient(emulator);
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(async () => {
    await other.close();
    await emulator.close();
  });

  function adapterFor(body: Record<string, unknown> = {}, name = 'prod-gcp') {
    const destination = gcpSmDestination(name, body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  const values = (name: string) => storedSecret(emulator, name)?.versions.map((v) => [v.value, v.state]);

  it('creates a secret with labels, annotations and a checksummed first version, and inspects it back', async () => {
    const { destination, adapter } = adapterFor({ custom_tags: { Team: 'Payments' } });
    const object = desiredObject(destination, 'vault_kv_1234_app', '{"password":"p1"}', 'kv_1234/App/db');
    expect(await adapter.inspect(object.name)).toBeUndefined();

    const outcome = await adapter.write(object, undefined);

    const secret = storedSecret(emulator, object.name);
    expect(outcome).toEqual({ created: true, externalId: `projects/${PROJECT_NUMBER}/secrets/vault_kv_1234_app` });
    expect(secret).toMatchObject({
      replication: { automatic: {} },
      labels: { team: 'payments', 'hashicorp-vault': '', 'vault-sync-owner': 'install-test' },
      annotations: { 'vault-sync.destination': 'gcp-sm/prod-gcp', 'vault-sync.source': 'kv_1234/App/db', 'vault-sync.owner': 'Install-Test' },
    });
    expect(secret?.versions).toMatchObject([{ id: 1, state: 'ENABLED', value: '{"password":"p1"}', clientSpecifiedPayloadChecksum: true }]);
    expect(await adapter.inspect(object.name)).toMatchObject({ name: object.name, externalId: outcome.externalId, marks: object.marks, pendingDeletion: false });
  });

  it('writes a new value as a new version on the same secret, keeping the older ones', async () => {
    const { destination, adapter } = adapterFor();
    const first = await adapter.write(desiredObject(destination, 'app', 'v1'), undefined);
    const outcome = await adapter.write(desiredObject(destination, 'app', 'v2'), await adapter.inspect('app'));

    expect(outcome).toEqual({ created: false, externalId: first.externalId });
    expect(values('app')).toEqual([
      ['v1', 'ENABLED'],
      ['v2', 'ENABLED'],
    ]);
    // Nothing but the value changed: no UpdateSecret.
    expect(emulator.control.requestCounts()).toMatchObject({ CreateSecret: 1, AddSecretVersion: 2 });
    expect(emulator.control.requestCounts()['UpdateSecret']).toBeUndefined();
  });

  it('follows a custom tag change: labels replaced, our marks kept, other annotations left alone', async () => {
    const before = adapterFor({ custom_tags: { team: 'payments', tier: 'gold' } });
    await before.adapter.write(desiredObject(before.destination, 'tagged', 'v1'), undefined);
    const [secret] = await other.getSecret({ name: `projects/${PROJECT}/secrets/tagged` });
    await other.updateSecret({ secret: { name: secret.name, annotations: { ...secret.annotations, 'other.tool': 'kept' } }, updateMask: { paths: ['annotations'] } });

    const after = adapterFor({ custom_tags: { team: 'billing', env: 'prod' } });
    await after.adapter.write(desiredObject(after.destination, 'tagged', 'v2'), await after.adapter.inspect('tagged'));

    expect(storedSecret(emulator, 'tagged')).toMatchObject({
      labels: { team: 'billing', env: 'prod', 'hashicorp-vault': '', 'vault-sync-owner': 'install-test' },
      annotations: { 'other.tool': 'kept', 'vault-sync.source': 'kv_1234/tagged' },
    });
    expect(storedSecret(emulator, 'tagged')?.labels).not.toHaveProperty('tier');
    expect(values('tagged')).toHaveLength(2);
  });

  it.each([
    ['replica_regions', { replica_regions: { 'us-east1': '', 'europe-west4': '' } }, { userManaged: { replicas: [{ location: 'us-east1' }, { location: 'europe-west4' }] } }],
    ['kms_key_id', { kms_key_id: KEY('global') }, { automatic: { customerManagedEncryption: { kmsKeyName: KEY('global') } } }],
  ])('creates secrets with the replication of %s', async (_case, body, replication) => {
    const { destination, adapter } = adapterFor(body);
    await adapter.write(desiredObject(destination, 'replicated', 'v1'), undefined);
    expect(storedSecret(emulator, 'replicated')?.replication).toEqual(replication);
  });

  it('adopts a foreign secret when told to: our marks first, then the value', async () => {
    await other.createSecret({ parent: `projects/${PROJECT}`, secretId: 'foreign', secret: { replication: { automatic: {} }, labels: { owner: 'ops' } } });
    const { destination, adapter } = adapterFor();
    const existing = await inspected(adapter, 'foreign');
    expect(existing.marks).toEqual({});

    await adapter.write(desiredObject(destination, 'foreign', 'adopted'), existing);

    expect(await adapter.inspect('foreign')).toMatchObject({ marks: desiredObject(destination, 'foreign', '').marks });
    expect(values('foreign')).toEqual([['adopted', 'ENABLED']]);
  });

  it('answers a create that finds its own secret (an answer lost) by adding the version', async () => {
    const { destination, adapter } = adapterFor();
    const object = desiredObject(destination, 'retried', 'v1');
    const first = await adapter.write(object, undefined);
    const second = await adapter.write(object, undefined);
    expect(second).toEqual({ created: false, externalId: first.externalId });
    expect(values('retried')).toHaveLength(2);
  });

  it('leaves a secret someone else created meanwhile to the runtime, retryable', async () => {
    const { destination, adapter } = adapterFor();
    await other.createSecret({ parent: `projects/${PROJECT}`, secretId: 'raced', secret: { replication: { automatic: {} } } });
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'raced', 'v1'), undefined));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.ConcurrentModification });
    expect(failure.retryable).toBe(true);
    expect(values('raced')).toEqual([]);
  });

  it('creates again when the secret vanished between inspect and write', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'vanishing', 'v1'), undefined);
    const existing = await inspected(adapter, 'vanishing');
    await other.deleteSecret({ name: `projects/${PROJECT}/secrets/vanishing` });

    await expect(adapter.write(desiredObject(destination, 'vanishing', 'v2'), existing)).resolves.toMatchObject({ created: true });
    expect(values('vanishing')).toEqual([['v2', 'ENABLED']]);
  });

  it('removes a secret at once; removing it again is success', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'gone', 'v1'), undefined);
    const existing = await inspected(adapter, 'gone');

    await adapter.remove(existing);
    expect(storedSecret(emulator, 'gone')).toBeUndefined();
    await expect(adapter.remove(existing)).resolves.toBeUndefined();
    // An ExistingObject without our details (built from the ledger) is looked up first.
    await expect(adapter.remove({ name: 'gone', pendingDeletion: false })).resolves.toBeUndefined();
  });

  it('does not delete a secret changed since it was inspected (etag), and says so retryably', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'guarded', 'v1'), undefined);
    const existing = await inspected(adapter, 'guarded');
    await other.updateSecret({ secret: { name: `projects/${PROJECT}/secrets/guarded`, labels: { taken: 'over' } }, updateMask: { paths: ['labels'] } });

    const failure = await vaultSyncFailureOf(adapter.remove(existing));

    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.ConcurrentModification });
    expect(failure.retryable).toBe(true);
    expect(storedSecret(emulator, 'guarded')).toBeDefined();
  });
});
