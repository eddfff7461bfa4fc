import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ClientSideError, DestinationAdapter, ErrorCode } from '@vault-sync/domain';
import { RunningAwsSmEmulator, startAwsSmEmulator, StoredSecret } from '@vault-sync/testing/emulators/aws-sm';
import { awsSmDestination, desiredObject, REGION, SYNC_USER, inspected } from './__fixtures__/aws-sm-destinations';
import { AwsSecretsManagerAdapterFactory } from './aws-sm-adapter-factory';

const DAY_MS = 86_400_000;
const factory = new AwsSecretsManagerAdapterFactory();

describe('aws-sm adapter: secret lifecycle against the emulator', () => {
  let emulator: RunningAwsSmEmulator;
  const adapters: DestinationAdapter[] = [];
  const savedEndpoint = process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'];

  beforeAll(async () => {
    emulator = await startAwsSmEmulator({ credentials: [SYNC_USER] });
    // The standard SDK variable, as a deployment would set it; the adapter has no endpoint option of its own.
    process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = emulator.url;
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(async () => {
    if (savedEndpoint === undefined) delete process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'];
    else process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = savedEndpoint;
    await emulator.close();
  });

  function adapterFor(body: Record<string, unknown> = {}, name = 'prod-aws') {
    const destination = awsSmDestination(name, body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  function stored(name: string, region = REGION): StoredSecret | undefined {
    const { secrets } = emulator.control.state() as { secrets: Record<string, StoredSecret[]> };
    return secrets[region]?.find((secret) => secret.name === name);
  }

  const currentValue = (secret: StoredSecret | undefined) => secret?.versions.find((v) => v.stages.includes('AWSCURRENT'))?.secretString;
  const tagsOf = (secret: StoredSecret | undefined) => Object.fromEntries((secret?.tags ?? []).map((t) => [t.Key, t.Value]));

  it('creates a secret with the built-in tag, our marks and the custom tags, and inspects it back', async () => {
    const { destination, adapter } = adapterFor({ custom_tags: { team: 'payments' } });
    const object = desiredObject(destination, 'vault/kv_1234/app', '{"password":"p1"}');
    expect(await adapter.inspect(object.name)).toBeUndefined();

    const outcome = await adapter.write(object, undefined);

    const secret = stored(object.name);
    expect(outcome).toEqual({ created: true, externalId: secret?.arn });
    expect(currentValue(secret)).toBe('{"password":"p1"}');
    expect(tagsOf(secret)).toEqual({
      'hashicorp:vault': '',
      'vault-sync:destination': 'aws-sm/prod-aws',
      'vault-sync:source': 'kv_1234/vault/kv_1234/app',
      'vault-sync:owner': 'install-test',
      team: 'payments',
    });
    expect(await adapter.inspect(object.name)).toMatchObject({ name: object.name, externalId: secret?.arn, marks: object.marks, pendingDeletion: false });
  });

  it('answers a retried create with the same token as a no-op', async () => {
    const { destination, adapter } = adapterFor();
    const object = desiredObject(destination, 'retried', 'v1');
    const first = await adapter.write(object, undefined);
    // The runtime lost the answer and retries with what it knew before: nothing existed.
    const second = await adapter.write(object, undefined);
    expect(second.externalId).toBe(first.externalId);
    expect(stored('retried')?.versions).toHaveLength(1);
  });

  it('updates the value with a new AWSCURRENT version, keeping the previous one as AWSPREVIOUS', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'app', 'v1'), undefined);
    const existing = await adapter.inspect('app');

    const outcome = await adapter.write(desiredObject(destination, 'app', 'v2'), existing);

    expect(outcome).toEqual({ created: false, externalId: existing?.externalId });
    const secret = stored('app');
    expect(currentValue(secret)).toBe('v2');
    expect(secret?.versions.map((v) => [v.secretString, v.stages])).toEqual([
      ['v1', ['AWSPREVIOUS']],
      ['v2', ['AWSCURRENT']],
    ]);
  });

  it('writes A, B, then A again as three versions (tokens differ by the version they replace)', async () => {
    const { destination, adapter } = adapterFor();
    for (const value of ['A', 'B', 'A']) await adapter.write(desiredObject(destination, 'flip', value), await adapter.inspect('flip'));
    expect(currentValue(stored('flip'))).toBe('A');
    expect(stored('flip')?.versions).toHaveLength(3);
  });

  it('follows a custom tag change: new tags set, dropped ones removed, marks kept', async () => {
    const before = adapterFor({ custom_tags: { team: 'payments', tier: 'gold' } });
    await before.adapter.write(desiredObject(before.destination, 'tagged', 'v1'), undefined);

    const after = adapterFor({ custom_tags: { team: 'billing', env: 'prod' } });
    await after.adapter.write(desiredObject(after.destination, 'tagged', 'v2'), await after.adapter.inspect('tagged'));

    const tags = tagsOf(stored('tagged'));
    expect(tags).toMatchObject({ team: 'billing', env: 'prod', 'hashicorp:vault': '', 'vault-sync:destination': 'aws-sm/prod-aws' });
    expect(tags).not.toHaveProperty('tier');
    expect(emulator.control.requestCounts()).toMatchObject({ TagResource: 1, UntagResource: 1 });
  });

  it('sends no tag calls when the tags already match', async () => {
    const { destination, adapter } = adapterFor({ custom_tags: { team: 'payments' } });
    await adapter.write(desiredObject(destination, 'steady', 'v1'), undefined);
    await adapter.write(desiredObject(destination, 'steady', 'v2'), await adapter.inspect('steady'));
    expect(emulator.control.requestCounts()).not.toHaveProperty('TagResource');
    expect(emulator.control.requestCounts()).not.toHaveProperty('UntagResource');
  });

  it('shows a secret nobody marked with no marks', async () => {
    const client = new SecretsManagerClient({ region: REGION, credentials: SYNC_USER, maxAttempts: 1 });
    try {
      await client.send(new CreateSecretCommand({ Name: 'hand-made', SecretString: 'x', Tags: [{ Key: 'team', Value: 'ops' }] }));
    } finally {
      client.destroy();
    }
    const { adapter } = adapterFor();
    expect(await adapter.inspect('hand-made')).toMatchObject({ name: 'hand-made', marks: {}, pendingDeletion: false });
  });

  it('deletes with the default 30-day recovery window, then restores and writes the name again', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'cycle', 'v1'), undefined);
    await adapter.remove(await inspected(adapter, 'cycle'));

    const scheduled = stored('cycle');
    expect(scheduled?.deletedMs).toBeDefined();
    expect((scheduled?.purgeAtMs ?? 0) - (scheduled?.deletedMs ?? 0)).toBe(30 * DAY_MS);
    const pending = await adapter.inspect('cycle');
    expect(pending?.pendingDeletion).toBe(true);

    const outcome = await adapter.write(desiredObject(destination, 'cycle', 'v2'), pending);

    expect(outcome).toMatchObject({ created: false, externalId: scheduled?.arn });
    expect(stored('cycle')?.deletedMs).toBeUndefined();
    expect(currentValue(stored('cycle'))).toBe('v2');
    expect(emulator.control.requestCounts()).toMatchObject({ RestoreSecret: 1 });
  });

  it('restores a pending deletion when the create races with it (inspect saw nothing)', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'raced', 'v1'), undefined);
    await adapter.remove(await inspected(adapter, 'raced'));

    await adapter.write(desiredObject(destination, 'raced', 'v2'), undefined);

    expect(stored('raced')?.deletedMs).toBeUndefined();
    expect(currentValue(stored('raced'))).toBe('v2');
  });

  it('uses the configured recovery window', async () => {
    const { destination, adapter } = adapterFor({ recovery_window_in_days: 7 });
    await adapter.write(desiredObject(destination, 'short', 'v1'), undefined);
    await adapter.remove(await inspected(adapter, 'short'));
    const secret = stored('short');
    expect((secret?.purgeAtMs ?? 0) - (secret?.deletedMs ?? 0)).toBe(7 * DAY_MS);
  });

  it('force-deletes without recovery when configured, so the name is free at once', async () => {
    const { destination, adapter } = adapterFor({ force_delete_without_recovery: true });
    await adapter.write(desiredObject(destination, 'gone', 'v1'), undefined);
    await adapter.remove(await inspected(adapter, 'gone'));
    expect(stored('gone')).toBeUndefined();
    expect(await adapter.inspect('gone')).toBeUndefined();
  });

  it('treats removing a secret that is already gone, or already scheduled for deletion, as success', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'twice', 'v1'), undefined);
    const existing = await inspected(adapter, 'twice');
    await adapter.remove(existing);
    await expect(adapter.remove(existing)).resolves.toBeUndefined();
    await expect(adapter.remove(await adapter.inspect('twice') ?? existing)).resolves.toBeUndefined();

    emulator.control.reset();
    await expect(adapter.remove(existing)).resolves.toBeUndefined();
    await expect(adapter.remove({ name: 'never-existed', pendingDeletion: false })).resolves.toBeUndefined();
  });

  it('creates replicas with their KMS keys, drops a replica region no longer configured, and removes replicas before deleting', async () => {
    const kms = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const both = adapterFor({ kms_key_id: 'alias/vault-sync', replica_regions: { 'us-west-2': kms, 'us-east-1': '' } });
    await both.adapter.write(desiredObject(both.destination, 'replicated', 'v1'), undefined);
    expect(stored('replicated')?.kmsKeyId).toBe('alias/vault-sync');
    expect(stored('replicated', 'us-west-2')).toMatchObject({ kmsKeyId: kms });
    expect(stored('replicated', 'us-east-1')).toBeDefined();

    const one = adapterFor({ kms_key_id: 'alias/vault-sync', replica_regions: { 'us-west-2': kms } });
    await one.adapter.write(desiredObject(one.destination, 'replicated', 'v2'), await one.adapter.inspect('replicated'));
    expect(stored('replicated', 'us-east-1')).toBeUndefined();
    expect(currentValue(stored('replicated', 'us-west-2'))).toBe('v2');

    await one.adapter.remove(await inspected(one.adapter, 'replicated'));
    expect(stored('replicated')?.deletedMs).toBeDefined();
    expect(stored('replicated', 'us-west-2')).toBeUndefined();
  });

  it('moves an existing secret to a newly configured KMS key with the value in one UpdateSecret', async () => {
    const plain = adapterFor();
    await plain.adapter.write(desiredObject(plain.destination, 'rekeyed', 'v1'), undefined);
    const keyed = adapterFor({ kms_key_id: 'alias/new-key' });
    await keyed.adapter.write(desiredObject(keyed.destination, 'rekeyed', 'v2'), await keyed.adapter.inspect('rekeyed'));
    expect(stored('rekeyed')).toMatchObject({ kmsKeyId: 'alias/new-key' });
    expect(currentValue(stored('rekeyed'))).toBe('v2');
    expect(emulator.control.requestCounts()).toMatchObject({ UpdateSecret: 1 });
    expect(emulator.control.requestCounts()).not.toHaveProperty('PutSecretValue');
  });

  it('refuses an invalid name as CLIENT_SIDE_ERROR without echoing the value', async () => {
    const { destination, adapter } = adapterFor();
    const failure = await adapter.write(desiredObject(destination, 'bad name!', 'top-secret-value'), undefined).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClientSideError);
    expect((failure as ClientSideError).toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationRejected, statusCode: 400 });
    expect((failure as ClientSideError).retryable).toBe(false);
    expect((failure as Error).message).not.toContain('top-secret-value');
  });
});
