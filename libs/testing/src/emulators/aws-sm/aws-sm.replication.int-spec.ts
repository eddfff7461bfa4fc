import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { failureOf, secretsClient, USER } from './aws-sm.fixtures';
import { RunningAwsSmEmulator, startAwsSmEmulator } from '.';

describe('aws-sm emulator: replication to other regions', () => {
  let emulator: RunningAwsSmEmulator;
  let primary: SecretsManagerClient;
  let replica: SecretsManagerClient;

  beforeAll(async () => {
    emulator = await startAwsSmEmulator({ credentials: [USER] });
    primary = secretsClient(emulator.url, { region: 'us-east-1' });
    replica = secretsClient(emulator.url, { region: 'eu-west-1' });
  });
  afterEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  it('replicates, keeps the replica in sync and read-only, and removes it again', async () => {
    const { ARN } = await primary.send(new CreateSecretCommand({ Name: 'repl', SecretString: 'v1', Tags: [{ Key: 'owner', Value: 'sync' }] }));
    const replicated = await primary.send(new ReplicateSecretToRegionsCommand({ SecretId: 'repl', AddReplicaRegions: [{ Region: 'eu-west-1', KmsKeyId: 'alias/eu' }] }));
    expect(replicated).toMatchObject({ ARN, ReplicationStatus: [{ Region: 'eu-west-1', KmsKeyId: 'alias/eu', Status: 'InSync' }] });

    await primary.send(new PutSecretValueCommand({ SecretId: 'repl', SecretString: 'v2' }));
    const copy = await replica.send(new GetSecretValueCommand({ SecretId: 'repl' }));
    expect(copy).toMatchObject({ SecretString: 'v2', ARN: (ARN as string).replace(':us-east-1:', ':eu-west-1:') });
    const replicaDescription = await replica.send(new DescribeSecretCommand({ SecretId: 'repl' }));
    expect(replicaDescription).toMatchObject({ PrimaryRegion: 'us-east-1', KmsKeyId: 'alias/eu', Tags: [{ Key: 'owner', Value: 'sync' }] });
    expect((await primary.send(new DescribeSecretCommand({ SecretId: 'repl' }))).ReplicationStatus).toEqual([expect.objectContaining({ Region: 'eu-west-1', Status: 'InSync' })]);

    const write = await failureOf(replica.send(new PutSecretValueCommand({ SecretId: 'repl', SecretString: 'local' })));
    expect(write).toMatchObject({ name: 'InvalidRequestException', message: "Operation not permitted on a replica secret. Call must be made in primary secret's region." });
    expect((await failureOf(primary.send(new DeleteSecretCommand({ SecretId: 'repl' })))).name).toBe('InvalidRequestException');
    expect((await failureOf(primary.send(new ReplicateSecretToRegionsCommand({ SecretId: 'repl', AddReplicaRegions: [{ Region: 'eu-west-1' }] })))).name).toBe('InvalidParameterException');

    const removed = await primary.send(new RemoveRegionsFromReplicationCommand({ SecretId: 'repl', RemoveReplicaRegions: ['eu-west-1'] }));
    expect(removed).toMatchObject({ ARN, ReplicationStatus: [] });
    expect((await failureOf(replica.send(new GetSecretValueCommand({ SecretId: 'repl' })))).name).toBe('ResourceNotFoundException');
    expect((await primary.send(new DescribeSecretCommand({ SecretId: 'repl' }))).ReplicationStatus).toBeUndefined();
    expect((await failureOf(primary.send(new RemoveRegionsFromReplicationCommand({ SecretId: 'repl', RemoveReplicaRegions: ['eu-west-1'] })))).name).toBe('InvalidParameterException');
    await primary.send(new DeleteSecretCommand({ SecretId: 'repl', ForceDeleteWithoutRecovery: true }));
  });

  it('fails a replica whose name is taken in the target region unless overwriting, and replicates on create', async () => {
    await replica.send(new CreateSecretCommand({ Name: 'clash', SecretString: 'local' }));
    const created = await primary.send(new CreateSecretCommand({ Name: 'clash', SecretString: 'primary', AddReplicaRegions: [{ Region: 'eu-west-1' }, { Region: 'ap-south-1' }] }));
    expect(created.ReplicationStatus?.map((r) => [r.Region, r.Status])).toEqual([
      ['eu-west-1', 'Failed'],
      ['ap-south-1', 'InSync'],
    ]);
    expect((await replica.send(new GetSecretValueCommand({ SecretId: 'clash' }))).SecretString).toBe('local');

    await primary.send(new ReplicateSecretToRegionsCommand({ SecretId: 'clash', AddReplicaRegions: [{ Region: 'eu-west-1' }], ForceOverwriteReplicaSecret: true }));
    expect((await replica.send(new GetSecretValueCommand({ SecretId: 'clash' }))).SecretString).toBe('primary');
    const state = emulator.control.state() as { secrets: Record<string, { name: string; primaryRegion: string }[]> };
    expect(state.secrets['ap-south-1']).toEqual([expect.objectContaining({ name: 'clash', primaryRegion: 'us-east-1' })]);
  });
});
