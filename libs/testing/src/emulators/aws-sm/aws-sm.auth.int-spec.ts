import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EXTERNAL_ID, failureOf, ROLE_ARN, secretsClient, stsClient, USER } from './aws-sm.fixtures';
import { RunningAwsSmEmulator, startAwsSmEmulator } from '.';

const SESSION_USER = { accessKeyId: 'ASIASESSIONUSER00001', secretAccessKey: 'session-user-secret', sessionToken: 'configured-session-token' };
const OPEN_ROLE_ARN = 'arn:aws:iam::123456789012:role/no-external-id';

describe('aws-sm emulator: SigV4 verification and STS AssumeRole', () => {
  let emulator: RunningAwsSmEmulator;

  beforeAll(async () => {
    emulator = await startAwsSmEmulator({
      credentials: [USER, SESSION_USER],
      roles: [
        { roleArn: ROLE_ARN, externalId: EXTERNAL_ID, maxSessionDurationSeconds: 7200 },
        { roleArn: OPEN_ROLE_ARN, trustedAccessKeyIds: [SESSION_USER.accessKeyId] },
      ],
    });
  });
  afterEach(() => emulator.control.reset());
  afterAll(() => emulator.close());

  const assumeRole = (externalId: string | undefined, client: STSClient = stsClient(emulator.url)) =>
    client.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'vault-sync-test', ExternalId: externalId }));

  it('accepts a correctly signed request in any region, which addresses that region', async () => {
    await secretsClient(emulator.url, { region: 'eu-central-1' }).send(new CreateSecretCommand({ Name: 'regional', SecretString: 'x' }));
    expect((await secretsClient(emulator.url, { region: 'eu-central-1' }).send(new ListSecretsCommand({}))).SecretList?.map((s) => s.ARN)).toEqual([
      expect.stringMatching(/^arn:aws:secretsmanager:eu-central-1:/),
    ]);
    expect((await secretsClient(emulator.url, { region: 'us-east-1' }).send(new ListSecretsCommand({}))).SecretList).toEqual([]);
  });

  it('answers a wrong secret key with InvalidSignatureException (403) and an unknown key id with UnrecognizedClientException (400)', async () => {
    const wrongSecret = await failureOf(secretsClient(emulator.url, { credentials: { ...USER, secretAccessKey: 'not-the-key' } }).send(new ListSecretsCommand({})));
    expect(wrongSecret).toMatchObject({ name: 'InvalidSignatureException', $fault: 'client', $metadata: { httpStatusCode: 403, attempts: 1 } });
    expect(wrongSecret.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);

    const unknownKey = await failureOf(secretsClient(emulator.url, { credentials: { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' } }).send(new ListSecretsCommand({})));
    expect(unknownKey).toMatchObject({ name: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', $metadata: { httpStatusCode: 400 } });
  });

  it('requires the configured session token of a key that has one', async () => {
    await secretsClient(emulator.url, { credentials: SESSION_USER }).send(new ListSecretsCommand({}));
    const withoutToken = await failureOf(secretsClient(emulator.url, { credentials: { ...SESSION_USER, sessionToken: undefined } }).send(new ListSecretsCommand({})));
    expect(withoutToken.name).toBe('UnrecognizedClientException');
  });

  it('rejects a signature made with a clock more than 5 minutes off', async () => {
    const skewed = await failureOf(secretsClient(emulator.url, { systemClockOffset: -10 * 60_000 }).send(new ListSecretsCommand({})));
    expect(skewed.name).toBe('InvalidSignatureException');
    expect(skewed.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it('issues temporary credentials for the right ExternalId, which Secrets Manager then accepts', async () => {
    await secretsClient(emulator.url).send(new CreateSecretCommand({ Name: 'shared', SecretString: 'hello' }));
    const assumed = await assumeRole(EXTERNAL_ID);
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::111122223333:assumed-role/vault-sync/vault-sync-test');
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect((assumed.Credentials?.Expiration as Date).getTime() - Date.now()).toBeGreaterThan(3500_000);

    const temporary = {
      accessKeyId: assumed.Credentials?.AccessKeyId as string,
      secretAccessKey: assumed.Credentials?.SecretAccessKey as string,
      sessionToken: assumed.Credentials?.SessionToken as string,
    };
    expect((await secretsClient(emulator.url, { credentials: temporary }).send(new GetSecretValueCommand({ SecretId: 'shared' }))).SecretString).toBe('hello');
    expect((await stsClient(emulator.url, { credentials: temporary }).send(new GetCallerIdentityCommand({}))).Arn).toBe(assumed.AssumedRoleUser?.Arn);

    const tokenless = await failureOf(secretsClient(emulator.url, { credentials: { ...temporary, sessionToken: undefined } }).send(new ListSecretsCommand({})));
    expect(tokenless.name).toBe('UnrecognizedClientException');

    emulator.advanceClock(3600_000);
    const expired = await failureOf(secretsClient(emulator.url, { credentials: temporary }).send(new ListSecretsCommand({})));
    expect(expired).toMatchObject({ name: 'ExpiredTokenException', message: 'The security token included in the request is expired' });
  });

  it('refuses AssumeRole with a wrong or missing ExternalId, an untrusted caller or an unknown role, as AccessDenied (403)', async () => {
    for (const externalId of ['wrong-external-id', undefined]) {
      const denied = await failureOf(assumeRole(externalId));
      expect(denied).toMatchObject({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
      expect(denied.message).toBe(`User: ${USER.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`);
    }
    const sts = stsClient(emulator.url);
    expect((await failureOf(sts.send(new AssumeRoleCommand({ RoleArn: OPEN_ROLE_ARN, RoleSessionName: 'x1' })))).name).toBe('AccessDenied');
    await stsClient(emulator.url, { credentials: SESSION_USER }).send(new AssumeRoleCommand({ RoleArn: OPEN_ROLE_ARN, RoleSessionName: 'x1' }));
    expect((await failureOf(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/other', RoleSessionName: 'x1' })))).name).toBe('AccessDenied');
  });

  it('validates AssumeRole input with ValidationError, and signs STS with its own error codes', async () => {
    const sts = stsClient(emulator.url);
    const badSession = await failureOf(sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'has space', ExternalId: EXTERNAL_ID })));
    expect(badSession).toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    expect(badSession.message).toContain("at 'roleSessionName' failed to satisfy constraint");
    const tooLong = await failureOf(sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'ok', ExternalId: EXTERNAL_ID, DurationSeconds: 7201 })));
    expect(tooLong).toMatchObject({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
    await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'ok', ExternalId: EXTERNAL_ID, DurationSeconds: 7200 }));

    const wrongSecret = await failureOf(stsClient(emulator.url, { credentials: { ...USER, secretAccessKey: 'nope' } }).send(new GetCallerIdentityCommand({})));
    expect(wrongSecret).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    const unknown = await failureOf(stsClient(emulator.url, { credentials: { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' } }).send(new GetCallerIdentityCommand({})));
    expect(unknown).toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
  });

  it('is reachable through AWS_ENDPOINT_URL_SECRETS_MANAGER and AWS_ENDPOINT_URL_STS naming the same URL', async () => {
    const saved = { sm: process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'], sts: process.env['AWS_ENDPOINT_URL_STS'] };
    process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = emulator.url;
    process.env['AWS_ENDPOINT_URL_STS'] = emulator.stsUrl;
    try {
      const sts = new STSClient({ region: 'us-east-1', credentials: USER, maxAttempts: 1 });
      const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'env', ExternalId: EXTERNAL_ID }));
      const client = new SecretsManagerClient({
        region: 'us-east-1',
        credentials: { accessKeyId: Credentials?.AccessKeyId as string, secretAccessKey: Credentials?.SecretAccessKey as string, sessionToken: Credentials?.SessionToken },
        maxAttempts: 1,
      });
      expect((await client.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    } finally {
      for (const [name, value] of [['AWS_ENDPOINT_URL_SECRETS_MANAGER', saved.sm], ['AWS_ENDPOINT_URL_STS', saved.sts]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
