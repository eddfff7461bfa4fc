import { vaultSyncFailureOf } from '@vault-sync/testing';
import { ClientSideError, DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RunningAzureKvEmulator, startAzureKvEmulator } from '@vault-sync/testing/emulators/azure-kv';
import { desiredObject, emulatedDestination, emulatorOptions, inspected } from './__fixtures__/azure-kv-destinations';
import { AzureKeyVaultAdapterFactory } from './azure-kv-adapter-factory';
import { MSAL_THROTTLE_MS } from './azure-kv-errors';

describe('azure-kv adapter: credentials, throttling, conflicts and faults', () => {
  let emulator: RunningAzureKvEmulator;
  let factory: AzureKeyVaultAdapterFactory;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startAzureKvEmulator({ deletionDelayMs: 200 });
    factory = new AzureKeyVaultAdapterFactory(emulatorOptions(emulator));
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
    emulator.authorityControl.reset();
  });
  afterAll(() => emulator.close());

  function adapterFor(body: Record<string, unknown> = {}) {
    const destination = emulatedDestination(emulator, 'prod-azure', body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  /** An adapter whose bearer challenge is done, so each call below is one request (the vault starts empty again). */
  async function warmAdapter() {
    const warm = adapterFor();
    await warm.adapter.write(desiredObject(warm.destination, 'warm', 'v'), undefined);
    emulator.control.reset();
    return warm;
  }

  it('reuses one token and one challenge across the runs (adapters) of a destination, and not across identities', async () => {
    const fresh = new AzureKeyVaultAdapterFactory(emulatorOptions(emulator));
    const run = (body: Record<string, unknown> = {}) => {
      const adapter = fresh.create(emulatedDestination(emulator, 'prod-azure', body));
      adapters.push(adapter);
      return adapter;
    };
    await run().inspect('first-run');
    await run().inspect('second-run');
    expect(emulator.authorityControl.requestCounts()).toEqual({ GetOpenIdConfiguration: 1, RequestToken: 1 });
    // The first run's challenge round trip (a body-less request answered 401) is not repeated by the second.
    expect(emulator.control.requestCounts()).toEqual({ GetSecret: 3, GetDeletedSecret: 2 });

    await vaultSyncFailureOf(run({ client_secret: 'another-identity' }).inspect('third-run'));
    expect(emulator.authorityControl.requestCounts()['RequestToken']).toBe(2);
  });

  it('reports a wrong client secret as CLIENT_SIDE_ERROR with the AAD code, never the secret', async () => {
    const wrongSecret = 'wrong-client-secret-0000';
    const { adapter } = adapterFor({ client_secret: wrongSecret });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.retryable).toBe(false);
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationAuthFailed });
    expect(failure.message).toContain('AADSTS7000215');
    expect(failure.message).not.toContain(wrongSecret);
    expect(emulator.authorityControl.requestCounts()).toMatchObject({ RequestToken: 1 });
  });

  it('reports workload identity as not supported yet, without calling the vault twice', async () => {
    const { adapter } = adapterFor({ client_secret: '', identity_token_audience: 'api://AzureADTokenExchange' });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.InvalidConfiguration });
    expect(emulator.control.requestCounts()).toEqual({ GetSecret: 1 });
  });

  it('reports an authority that is down as retryable, and respects the hold-off MSAL then keeps', async () => {
    emulator.authorityControl.injectFault({ operation: 'RequestToken', status: 503, count: 1 });
    const { adapter } = adapterFor({ client_secret: 'secret-for-the-down-authority' });
    const failure = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);

    const heldOff = await vaultSyncFailureOf(adapter.inspect('anything'));
    expect(heldOff.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationUnavailable });
    expect(heldOff.retryAfterMs).toBe(MSAL_THROTTLE_MS);
    expect(emulator.authorityControl.requestCounts()['RequestToken']).toBe(1);
  });

  it('reports 429 as a retryable, throttled EXTERNAL_SERVICE_ERROR with Retry-After, after one attempt', async () => {
    const { destination, adapter } = await warmAdapter();
    emulator.control.setRateLimit({ limit: 0, windowMs: 5_000, operation: 'SetSecret' });

    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'busy', 'v1'), undefined));

    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationThrottled, statusCode: 429 });
    expect(failure.retryAfterMs).toBe(5_000);
    // The pipeline's own retries are off: the runtime's rate governor sees the first 429.
    expect(emulator.control.requestCounts()).toEqual({ SetSecret: 1 });
  });

  it.each([500, 503])('reports HTTP %i as a retryable EXTERNAL_SERVICE_ERROR after one attempt', async (status) => {
    const { destination, adapter } = await warmAdapter();
    emulator.control.injectFault({ operation: 'SetSecret', status, count: 1 });
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'flaky', 'v1'), undefined));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationUnavailable, statusCode: status });
    expect(failure.retryable).toBe(true);
    expect(emulator.control.requestCounts()).toEqual({ SetSecret: 1 });
    await expect(adapter.write(desiredObject(destination, 'flaky', 'v1'), undefined)).resolves.toMatchObject({ created: true });
  });

  it('reports an RBAC denial as CLIENT_SIDE permission denied', async () => {
    const { adapter } = await warmAdapter();
    emulator.control.injectFault({ operation: 'GetSecret', status: 403, count: 1 });
    const failure = await vaultSyncFailureOf(adapter.inspect('warm'));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationPermissionDenied, statusCode: 403 });
    expect(failure.message).toContain('not authorized');
  });

  it('reports a connection reset as a retryable EXTERNAL_SERVICE_ERROR', async () => {
    const { adapter } = await warmAdapter();
    emulator.control.injectFault({ operation: 'GetSecret', connectionReset: true, count: 1 });
    const failure = await vaultSyncFailureOf(adapter.inspect('warm'));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.code).toBe(ErrorCode.DestinationUnavailable);
    await expect(adapter.inspect('warm')).resolves.toBeUndefined();
  });

  it('retries a write while the name is still being deleted (409 ObjectIsBeingDeleted), and treats a second remove as done', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'deleting', 'v1'), undefined);
    const live = await inspected(adapter, 'deleting');
    await adapter.remove(live);
    await expect(adapter.remove(live)).resolves.toBeUndefined();

    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'deleting', 'v2'), live));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.ConcurrentModification, statusCode: 409 });
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain('ObjectIsBeingDeleted');

    emulator.advanceClock(200);
    await expect(adapter.write(desiredObject(destination, 'deleting', 'v2'), await inspected(adapter, 'deleting'))).resolves.toMatchObject({ created: false });
  });
});
