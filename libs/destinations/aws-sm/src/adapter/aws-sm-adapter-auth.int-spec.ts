import { vaultSyncFailureOf } from '@vault-sync/testing';
import { ClientSideError, DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RunningAwsSmEmulator, startAwsSmEmulator } from '@vault-sync/testing/emulators/aws-sm';
import { awsSmDestination, desiredObject, SYNC_EXTERNAL_ID, SYNC_ROLE_ARN, SYNC_USER, inspected } from './__fixtures__/aws-sm-destinations';
import { AwsSecretsManagerAdapterFactory } from './aws-sm-adapter-factory';

const factory = new AwsSecretsManagerAdapterFactory();
const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_ENDPOINT_URL_STS', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

describe('aws-sm adapter: credentials, throttling and faults', () => {
  let emulator: RunningAwsSmEmulator;
  const adapters: DestinationAdapter[] = [];
  const saved = Object.fromEntries(ENDPOINT_VARIABLES.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    emulator = await startAwsSmEmulator({ credentials: [SYNC_USER], roles: [{ roleArn: SYNC_ROLE_ARN, externalId: SYNC_EXTERNAL_ID }] });
    // The emulator serves STS on the same URL; both are the SDK's own standard variables.
    process.env['AWS_ENDPOINT_URL_SECRETS_MANAGER'] = emulator.url;
    process.env['AWS_ENDPOINT_URL_STS'] = emulator.stsUrl;
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await emulator.close();
  });

  function adapterFor(body: Record<string, unknown> = {}) {
    const destination = awsSmDestination('prod-aws', body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  it('assumes role_arn with external_id once, and signs every call with the session', async () => {
    const { destination, adapter } = adapterFor({ role_arn: SYNC_ROLE_ARN, external_id: SYNC_EXTERNAL_ID });
    await adapter.write(desiredObject(destination, 'assumed', 'v1'), undefined);
    await adapter.write(desiredObject(destination, 'assumed', 'v2'), await adapter.inspect('assumed'));
    await adapter.remove(await inspected(adapter, 'assumed'));

    expect(emulator.control.requestCounts()).toMatchObject({ AssumeRole: 1, CreateSecret: 1, PutSecretValue: 1, DeleteSecret: 1 });
    const { temporaryCredentials } = emulator.control.state() as { temporaryCredentials: { principalArn: string }[] };
    expect(temporaryCredentials.map((c) => c.principalArn)).toEqual(['arn:aws:sts::111122223333:assumed-role/vault-sync/vault-sync-prod-aws']);
  });

  it.each([
    ['a wrong external_id', { external_id: 'not-the-agreed-id' }],
    ['no external_id', {}],
  ])('reports AssumeRole with %s as CLIENT_SIDE_ERROR, not retried', async (_case, extra) => {
    const { destination, adapter } = adapterFor({ role_arn: SYNC_ROLE_ARN, ...extra });
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'denied', 'v1'), undefined));
    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.retryable).toBe(false);
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationPermissionDenied, statusCode: 403 });
    expect(failure.message).toContain(`AssumeRole on role ${SYNC_ROLE_ARN}`);
    expect(emulator.control.requestCounts()).toEqual({ AssumeRole: 1 });
  });

  it('reports a wrong secret access key as CLIENT_SIDE_ERROR without the key in the message', async () => {
    const wrongKey = 'wrong-secret-access-key/0000000000000000000';
    const { adapter } = adapterFor({ secret_access_key: wrongKey });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.retryable).toBe(false);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationAuthFailed, statusCode: 403 });
    expect(failure.toRecord().requestId).toEqual(expect.any(String));
    expect(failure.message).toContain('InvalidSignatureException');
    expect(failure.message).not.toContain(wrongKey);
  });

  it('reports an unknown access key id as CLIENT_SIDE_ERROR', async () => {
    const { adapter } = adapterFor({ access_key_id: 'AKIAUNKNOWN000000000' });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationAuthFailed, statusCode: 400 });
    expect(failure.message).toContain('UnrecognizedClientException');
  });

  it('uses the default credential chain when the destination has no keys', async () => {
    process.env['AWS_ACCESS_KEY_ID'] = SYNC_USER.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = SYNC_USER.secretAccessKey;
    delete process.env['AWS_SESSION_TOKEN'];
    const { destination, adapter } = adapterFor({ access_key_id: '', secret_access_key: '' });
    expect(destination.credentials).toEqual({});
    await adapter.write(desiredObject(destination, 'from-env', 'v1'), undefined);
    expect(await adapter.inspect('from-env')).toMatchObject({ pendingDeletion: false });
  });

  it('reports ThrottlingException as a retryable, throttled EXTERNAL_SERVICE_ERROR after one attempt', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'busy', 'v1'), undefined);
    const existing = await adapter.inspect('busy');
    emulator.control.setRateLimit({ limit: 0, windowMs: 60_000, operation: 'PutSecretValue' });

    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'busy', 'v2'), existing));

    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBeGreaterThan(0);
    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationThrottled, statusCode: 400 });
    // The SDK's own retries are off: the runtime's rate governor sees the first throttling answer.
    expect(emulator.control.requestCounts()).toMatchObject({ PutSecretValue: 1 });
  });

  it('reports a throttled AssumeRole as throttled too', async () => {
    emulator.control.setRateLimit({ limit: 0, windowMs: 60_000, operation: 'AssumeRole' });
    const { adapter } = adapterFor({ role_arn: SYNC_ROLE_ARN, external_id: SYNC_EXTERNAL_ID });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationThrottled });
    expect(failure.retryable).toBe(true);
  });

  it.each([
    [500, 'InternalServiceError'],
    [503, 'ServiceUnavailable'],
  ])('reports HTTP %i (%s) as a retryable EXTERNAL_SERVICE_ERROR', async (status, name) => {
    emulator.control.injectFault({ operation: 'CreateSecret', status, count: 1 });
    const { destination, adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'flaky', 'v1'), undefined));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationUnavailable, statusCode: status });
    expect(failure.message).toContain(name);
    // The retry the runtime schedules succeeds.
    await expect(adapter.write(desiredObject(destination, 'flaky', 'v1'), undefined)).resolves.toMatchObject({ created: true });
  });

  it('reports a connection reset as a retryable EXTERNAL_SERVICE_ERROR', async () => {
    emulator.control.injectFault({ operation: 'DescribeSecret', connectionReset: true, count: 1 });
    const { adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.code).toBe(ErrorCode.DestinationUnavailable);
    await expect(adapter.inspect('anything')).resolves.toBeUndefined();
  });
});
