import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  paginateListSecrets,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { failureOf, secretsClient, USER } from './aws-sm.fixtures';
import { RunningAwsSmEmulator, startAwsSmEmulator } from '.';

const DAY_MS = 86_400_000;
const TOKEN_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TOKEN_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const SCHEDULED_MESSAGE = "You can't perform this operation on the secret because it was marked for deletion.";

describe('aws-sm emulator through @aws-sdk/client-secrets-manager: lifecycle', () => {
  let emulator: RunningAwsSmEmulator;
  let client: SecretsManagerClient;

  beforeAll(async () => {
    emulator = await startAwsSmEmulator({ credentials: [USER] });
    client = secretsClient(emulator.url);
  });
  afterEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  it('creates, reads, describes and rotates versions through AWSCURRENT / AWSPREVIOUS', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: 'vault/app/db', SecretString: '{"pw":"1"}', Description: 'db', Tags: [{ Key: 'managed-by', Value: 'vault-sync' }] }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:vault\/app\/db-[A-Za-z0-9]{6}$/);
    expect(created.VersionId).toBeDefined();

    const put = await client.send(new PutSecretValueCommand({ SecretId: 'vault/app/db', SecretString: '{"pw":"2"}' }));
    expect(put.VersionStages).toEqual(['AWSCURRENT']);

    const current = await client.send(new GetSecretValueCommand({ SecretId: created.ARN }));
    expect(current).toMatchObject({ SecretString: '{"pw":"2"}', VersionId: put.VersionId, VersionStages: ['AWSCURRENT'], Name: 'vault/app/db' });
    expect(current.CreatedDate).toBeInstanceOf(Date);
    const previous = await client.send(new GetSecretValueCommand({ SecretId: 'vault/app/db', VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ SecretString: '{"pw":"1"}', VersionId: created.VersionId });

    // A partial ARN (without the random suffix) names the secret too.
    const described = await client.send(new DescribeSecretCommand({ SecretId: (created.ARN as string).slice(0, -7) }));
    expect(described).toMatchObject({ Name: 'vault/app/db', Description: 'db', Tags: [{ Key: 'managed-by', Value: 'vault-sync' }] });
    expect(described.VersionIdsToStages).toEqual({ [put.VersionId as string]: ['AWSCURRENT'], [created.VersionId as string]: ['AWSPREVIOUS'] });
    expect(described.DeletedDate).toBeUndefined();

    const third = await client.send(new UpdateSecretCommand({ SecretId: 'vault/app/db', SecretString: '{"pw":"3"}', Description: 'db v3' }));
    const afterUpdate = await client.send(new DescribeSecretCommand({ SecretId: 'vault/app/db' }));
    expect(afterUpdate.Description).toBe('db v3');
    // The first version lost its last label: deprecated versions are not listed.
    expect(afterUpdate.VersionIdsToStages).toEqual({ [third.VersionId as string]: ['AWSCURRENT'], [put.VersionId as string]: ['AWSPREVIOUS'] });
    expect(afterUpdate.Tags).toEqual([{ Key: 'managed-by', Value: 'vault-sync' }]);
  });

  it('stores binary values and answers them as bytes', async () => {
    await client.send(new CreateSecretCommand({ Name: 'bin', SecretBinary: new Uint8Array([0, 1, 254, 255]) }));
    const value = await client.send(new GetSecretValueCommand({ SecretId: 'bin' }));
    expect(Array.from(value.SecretBinary ?? [])).toEqual([0, 1, 254, 255]);
    expect(value.SecretString).toBeUndefined();
    const both = await failureOf(client.send(new PutSecretValueCommand({ SecretId: 'bin', SecretString: 's', SecretBinary: new Uint8Array([1]) })));
    expect(both.name).toBe('InvalidParameterException');
  });

  it('treats a repeated ClientRequestToken with the same value as a no-op, and with another value as ResourceExistsException', async () => {
    await client.send(new CreateSecretCommand({ Name: 'idem', SecretString: 'v1', ClientRequestToken: TOKEN_A }));
    // A retried create (same token, same value) answers like the first one.
    const retried = await client.send(new CreateSecretCommand({ Name: 'idem', SecretString: 'v1', ClientRequestToken: TOKEN_A }));
    expect(retried.VersionId).toBe(TOKEN_A);

    const first = await client.send(new PutSecretValueCommand({ SecretId: 'idem', SecretString: 'v2', ClientRequestToken: TOKEN_B }));
    const again = await client.send(new PutSecretValueCommand({ SecretId: 'idem', SecretString: 'v2', ClientRequestToken: TOKEN_B }));
    expect(again).toMatchObject({ VersionId: TOKEN_B, VersionStages: first.VersionStages });
    const described = await client.send(new DescribeSecretCommand({ SecretId: 'idem' }));
    expect(Object.keys(described.VersionIdsToStages ?? {})).toHaveLength(2);

    const conflict = await failureOf(client.send(new PutSecretValueCommand({ SecretId: 'idem', SecretString: 'other', ClientRequestToken: TOKEN_B })));
    expect(conflict).toMatchObject({ name: 'ResourceExistsException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(conflict.message).toBe("You can't modify an existing version, you can only create a new version.");
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'idem' }))).SecretString).toBe('v2');
  });

  it('answers the real errors for a missing secret, an existing name and bad input', async () => {
    const missing = await failureOf(client.send(new GetSecretValueCommand({ SecretId: 'nope' })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } });

    await client.send(new CreateSecretCommand({ Name: 'taken', SecretString: 'x' }));
    const exists = await failureOf(client.send(new CreateSecretCommand({ Name: 'taken', SecretString: 'y' })));
    expect(exists).toMatchObject({ name: 'ResourceExistsException', message: 'The operation failed because the secret taken already exists.' });

    const badName = await failureOf(client.send(new CreateSecretCommand({ Name: 'white space', SecretString: 'x' })));
    expect(badName).toMatchObject({ name: 'ValidationException', message: 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!' });
    const longName = await failureOf(client.send(new CreateSecretCommand({ Name: 'n'.repeat(513), SecretString: 'x' })));
    expect(longName.name).toBe('ValidationException');
    expect(longName.message).toContain('Member must have length less than or equal to 512');
    const tooBig = await failureOf(client.send(new CreateSecretCommand({ Name: 'big', SecretString: 'x'.repeat(65_537) })));
    expect(tooBig.name).toBe('ValidationException');
    await client.send(new CreateSecretCommand({ Name: 'max', SecretString: 'x'.repeat(65_536) }));
    const shortToken = await failureOf(client.send(new PutSecretValueCommand({ SecretId: 'max', SecretString: 'y', ClientRequestToken: 'short' })));
    expect(shortToken.name).toBe('ValidationException');
    const noSecretId = await failureOf(client.send(new DescribeSecretCommand({ SecretId: undefined })));
    expect(noSecretId.name).toBe('ValidationException');
  });

  it('schedules deletion: Describe shows DeletedDate, value calls fail, the name stays blocked until restore', async () => {
    const { ARN } = await client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' }));
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    expect(deleted.ARN).toBe(ARN);
    expect((deleted.DeletionDate as Date).getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);

    const described = await client.send(new DescribeSecretCommand({ SecretId: 'doomed' }));
    expect(described.DeletedDate).toBeInstanceOf(Date);
    for (const call of [
      client.send(new GetSecretValueCommand({ SecretId: 'doomed' })),
      client.send(new PutSecretValueCommand({ SecretId: 'doomed', SecretString: 'y' })),
      client.send(new UpdateSecretCommand({ SecretId: 'doomed', Description: 'd' })),
      client.send(new TagResourceCommand({ SecretId: 'doomed', Tags: [{ Key: 'k', Value: 'v' }] })),
    ]) {
      expect(await failureOf(call)).toMatchObject({ name: 'InvalidRequestException', message: SCHEDULED_MESSAGE, $metadata: { httpStatusCode: 400 } });
    }
    const recreate = await failureOf(client.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'new' })));
    expect(recreate).toMatchObject({ name: 'InvalidRequestException', message: "You can't create this secret because a secret with this name is already scheduled for deletion." });

    const listed = await client.send(new ListSecretsCommand({}));
    expect(listed.SecretList).toEqual([]);
    const withPlanned = await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }));
    expect(withPlanned.SecretList?.map((s) => s.Name)).toEqual(['doomed']);

    expect(await client.send(new RestoreSecretCommand({ SecretId: 'doomed' }))).toMatchObject({ ARN, Name: 'doomed' });
    expect((await client.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString).toBe('x');
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate).toBeUndefined();
  });

  it('purges a scheduled secret at its DeletionDate, freeing the name', async () => {
    await client.send(new CreateSecretCommand({ Name: 'purge-me', SecretString: 'x' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'purge-me' }));
    emulator.advanceClock(29 * DAY_MS);
    expect((await failureOf(client.send(new CreateSecretCommand({ Name: 'purge-me', SecretString: 'y' })))).name).toBe('InvalidRequestException');
    emulator.advanceClock(DAY_MS);
    expect((await failureOf(client.send(new DescribeSecretCommand({ SecretId: 'purge-me' })))).name).toBe('ResourceNotFoundException');
    await client.send(new CreateSecretCommand({ Name: 'purge-me', SecretString: 'y' }));
  });

  it('force-deletes at once, succeeds for a missing secret, and refuses bad deletion options', async () => {
    await client.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'x' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'gone', ForceDeleteWithoutRecovery: true }));
    expect((await failureOf(client.send(new DescribeSecretCommand({ SecretId: 'gone' })))).name).toBe('ResourceNotFoundException');
    const again = await client.send(new DeleteSecretCommand({ SecretId: 'gone', ForceDeleteWithoutRecovery: true }));
    expect(again.Name).toBe('gone');
    await client.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'back' }));

    const both = await failureOf(client.send(new DeleteSecretCommand({ SecretId: 'gone', ForceDeleteWithoutRecovery: true, RecoveryWindowInDays: 7 })));
    expect(both).toMatchObject({ name: 'InvalidParameterException', message: "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays." });
    const short = await failureOf(client.send(new DeleteSecretCommand({ SecretId: 'gone', RecoveryWindowInDays: 6 })));
    expect(short).toMatchObject({ name: 'InvalidParameterException', message: 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).' });
    expect((await failureOf(client.send(new DeleteSecretCommand({ SecretId: 'never-was' })))).name).toBe('ResourceNotFoundException');
  });

  it('adds, overwrites and removes tags, refusing reserved and excess ones', async () => {
    await client.send(new CreateSecretCommand({ Name: 'tagged', SecretString: 'x', Tags: [{ Key: 'a', Value: '1' }] }));
    await client.send(new TagResourceCommand({ SecretId: 'tagged', Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'tagged' }))).Tags).toEqual([{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }]);
    await client.send(new UntagResourceCommand({ SecretId: 'tagged', TagKeys: ['a', 'absent'] }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'tagged' }))).Tags).toEqual([{ Key: 'b', Value: '3' }]);

    expect((await failureOf(client.send(new TagResourceCommand({ SecretId: 'tagged', Tags: [{ Key: 'aws:owner', Value: 'x' }] })))).name).toBe('InvalidParameterException');
    expect((await failureOf(client.send(new TagResourceCommand({ SecretId: 'tagged', Tags: [{ Key: 'k'.repeat(129), Value: 'x' }] })))).name).toBe('ValidationException');
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect((await failureOf(client.send(new TagResourceCommand({ SecretId: 'tagged', Tags: many })))).name).toBe('InvalidParameterException');
    expect((await client.send(new DescribeSecretCommand({ SecretId: 'tagged' }))).Tags).toHaveLength(1);
  });

  it('lists with name and tag-key filters, and pages with NextToken', async () => {
    for (let i = 0; i < 5; i += 1) {
      await client.send(new CreateSecretCommand({ Name: `vault/kv/s${i}`, SecretString: 'x', Tags: i % 2 === 0 ? [{ Key: 'vault-sync', Value: 'yes' }] : [] }));
    }
    await client.send(new CreateSecretCommand({ Name: 'other/s', SecretString: 'x' }));

    const byName = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['vault/'] }] }));
    expect(byName.SecretList?.map((s) => s.Name)).toEqual(['vault/kv/s0', 'vault/kv/s1', 'vault/kv/s2', 'vault/kv/s3', 'vault/kv/s4']);
    expect(Object.values(byName.SecretList?.[0].SecretVersionsToStages ?? {})).toEqual([['AWSCURRENT']]);
    const byTag = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'tag-key', Values: ['vault-sync'] }, { Key: 'name', Values: ['vault/kv/s'] }] }));
    expect(byTag.SecretList?.map((s) => s.Name)).toEqual(['vault/kv/s0', 'vault/kv/s2', 'vault/kv/s4']);

    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListSecrets({ client, pageSize: 2 }, {})) {
      pages += 1;
      names.push(...(page.SecretList ?? []).map((s) => s.Name as string));
    }
    expect(pages).toBe(3);
    expect(names).toHaveLength(6);

    expect((await failureOf(client.send(new ListSecretsCommand({ NextToken: 'garbage' })))).name).toBe('InvalidNextTokenException');
    expect((await failureOf(client.send(new ListSecretsCommand({ MaxResults: 101 })))).name).toBe('ValidationException');
  });

  it('exposes secrets, values included, through control.state()', async () => {
    await client.send(new CreateSecretCommand({ Name: 'visible', SecretString: 'plain' }));
    const state = emulator.control.state() as { secrets: Record<string, { name: string; versions: { secretString?: string }[] }[]> };
    expect(state.secrets['us-east-1']).toEqual([expect.objectContaining({ name: 'visible', versions: [expect.objectContaining({ secretString: 'plain' })] })]);
  });
});
