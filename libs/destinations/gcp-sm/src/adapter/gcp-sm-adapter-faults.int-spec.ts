import { vaultSyncFailureOf } from '@vault-sync/testing';
import { ClientSideError, DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '@vault-sync/testing/emulators/gcp-sm';
import { desiredObject, gcpSmDestination, inspected } from './__fixtures__/gcp-sm-destinations';
import { emulatorEndpoint, storedSecret } from './__fixtures__/gcp-sm-emulator';
import { GcpSecretManagerAdapterFactory } from './gcp-sm-adapter-factory';
import { THROTTLING_RETRY_AFTER_MS } from './gcp-sm-errors';

describe('gcp-sm adapter: throttling, faults and refusals', () => {
  let emulator: RunningGcpSmEmulator;
  let factory: GcpSecretManagerAdapterFactory;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startGcpSmEmulator({ deniedPermissions: ['secretmanager.secrets.delete'] });
    factory = new GcpSecretManagerAdapterFactory(emulatorEndpoint(emulator));
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(async () => {
    await emulator.close();
  });

  function adapterFor(body: Record<string, unknown> = {}) {
    const destination = gcpSmDestination('prod-gcp', body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  it('reports RESOURCE_EXHAUSTED as a retryable, throttled EXTERNAL_SERVICE_ERROR after one attempt', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'busy', 'v1'), undefined);
    const existing = await adapter.inspect('busy');
    emulator.control.setRateLimit({ limit: 0, windowMs: 60_000, operation: 'AddSecretVersion' });

    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'busy', 'v2'), existing));

    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBe(THROTTLING_RETRY_AFTER_MS);
    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationThrottled, statusCode: 8 });
    expect(failure.message).toContain("Quota exceeded for quota metric 'Write requests'");
    // No SDK retry: the runtime's rate governor sees the first answer.
    expect(emulator.control.requestCounts()).toMatchObject({ AddSecretVersion: 2 });
  });

  it.each([
    [503, 'UNAVAILABLE', ErrorCode.DestinationUnavailable],
    [500, 'INTERNAL', ErrorCode.DestinationUnavailable],
    [504, 'DEADLINE_EXCEEDED', ErrorCode.DestinationTimeout],
  ])('reports an injected HTTP %i (%s) on CreateSecret as retryable, once; the retry succeeds', async (status, name, code) => {
    emulator.control.injectFault({ operation: 'CreateSecret', status, count: 1 });
    const { destination, adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'flaky', 'v1'), undefined));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(name);
    expect(emulator.control.requestCounts()).toMatchObject({ CreateSecret: 1 });
    await expect(adapter.write(desiredObject(destination, 'flaky', 'v1'), undefined)).resolves.toMatchObject({ created: true });
  });

  it('reports a dropped connection as retryable; the next call reconnects', async () => {
    emulator.control.injectFault({ operation: 'GetSecret', connectionReset: true, count: 1 });
    const { adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.code).toBe(ErrorCode.DestinationUnavailable);
    await expect(adapter.inspect('anything')).resolves.toBeUndefined();
  });

  it('finishes a create whose first version failed: the retry finds the secret ours and adds it', async () => {
    emulator.control.injectFault({ operation: 'AddSecretVersion', status: 503, count: 1 });
    const { destination, adapter } = adapterFor();
    const object = desiredObject(destination, 'half-made', 'v1');
    await expect(vaultSyncFailureOf(adapter.write(object, undefined))).resolves.toMatchObject({ retryable: true });
    expect(storedSecret(emulator, 'half-made')?.versions).toEqual([]);

    const existing = await inspected(adapter, 'half-made');
    expect(existing.marks).toEqual(object.marks);
    await expect(adapter.write(object, existing)).resolves.toMatchObject({ created: false });
    expect(storedSecret(emulator, 'half-made')?.versions.map((v) => v.value)).toEqual(['v1']);
  });

  it('reports a missing IAM permission as CLIENT_SIDE_ERROR naming it', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'kept', 'v1'), undefined);
    const failure = await vaultSyncFailureOf(adapter.remove(await inspected(adapter, 'kept')));
    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.retryable).toBe(false);
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationPermissionDenied, statusCode: 7 });
    expect(failure.message).toContain("Permission 'secretmanager.secrets.delete' denied");
  });

  it('reports UNAUTHENTICATED as CLIENT_SIDE_ERROR', async () => {
    emulator.control.injectFault({ operation: 'GetSecret', status: 401, count: 1 });
    const { adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationAuthFailed, statusCode: 16 });
  });

  it('reports a rejected value (over 64 KiB) as CLIENT_SIDE_ERROR without the value', async () => {
    const { destination, adapter } = adapterFor();
    const huge = `SENTINEL${'x'.repeat(64 * 1024)}`;
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'huge', huge), undefined));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationRejected, statusCode: 3 });
    expect(failure.message).not.toContain('SENTINEL');
  });

  it('refuses workload identity federation before calling GCP', async () => {
    const { adapter } = adapterFor({ identity_token_audience: '//iam.googleapis.com/x', service_account_email: 's@p.iam.gserviceaccount.com' });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.InvalidConfiguration });
    expect(emulator.control.requestCounts()).toEqual({});
  });
});
