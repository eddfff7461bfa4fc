import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { status } from '@grpc/grpc-js';
import { automatic, failureOf, PARENT, secretManagerClient } from './gcp-sm.fixtures';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '.';

const SECRET = `${PARENT}/secrets/t`;
const LATEST = `${SECRET}/versions/latest`;
/** What an adapter passes to make AccessSecretVersion's built-in retry quick (the default waits up to 2 s, ×2). */
const FAST_RETRY = {
  retry: {
    retryCodes: [status.RESOURCE_EXHAUSTED, status.UNAVAILABLE],
    backoffSettings: { initialRetryDelayMillis: 5, retryDelayMultiplier: 1, maxRetryDelayMillis: 5, initialRpcTimeoutMillis: 5000, rpcTimeoutMultiplier: 1, maxRpcTimeoutMillis: 5000, totalTimeoutMillis: 10_000 },
  },
};

describe('gcp-sm emulator: throttling, injected faults and the SDK retries', () => {
  let emulator: RunningGcpSmEmulator;
  let client: SecretManagerServiceClient;
  let setupCounts: Record<string, number>;
  /** Requests of `operation` since the test's own setup. */
  const requestsOf = (operation: string) => (emulator.control.requestCounts()[operation] ?? 0) - (setupCounts[operation] ?? 0);

  beforeAll(async () => {
    emulator = await startGcpSmEmulator();
    client = secretManagerClient(emulator);
  });
  beforeEach(async () => {
    await client.createSecret({ parent: PARENT, secretId: 't', secret: { replication: automatic } });
    await client.addSecretVersion({ parent: SECRET, payload: { data: Buffer.from('value') } });
    setupCounts = emulator.control.requestCounts();
  });
  afterEach(() => emulator.control.reset());
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it('throttles past the rate limit with RESOURCE_EXHAUSTED (8) and ErrorInfo RATE_LIMIT_EXCEEDED; writes are not retried', async () => {
    emulator.control.setRateLimit({ limit: 1, windowMs: 60_000, operation: 'CreateSecret' });
    await client.createSecret({ parent: PARENT, secretId: 'ok', secret: { replication: automatic } });
    const throttled = await failureOf(client.createSecret({ parent: PARENT, secretId: 'too-many', secret: { replication: automatic } }));
    expect(throttled).toMatchObject({
      code: status.RESOURCE_EXHAUSTED,
      details: expect.stringContaining("Quota exceeded for quota metric 'Write requests'"),
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      errorInfoMetadata: expect.objectContaining({ service: 'secretmanager.googleapis.com', consumer: 'projects/p1' }),
    });
    expect(requestsOf('CreateSecret')).toBe(2);
  });

  it('lets the SDK retry a throttled AccessSecretVersion on its own (its config retries RESOURCE_EXHAUSTED)', async () => {
    emulator.control.setRateLimit({ limit: 1, windowMs: 200, operation: 'AccessSecretVersion' });
    await client.accessSecretVersion({ name: LATEST }, FAST_RETRY);
    const [answer] = await client.accessSecretVersion({ name: LATEST }, FAST_RETRY);
    expect(answer.payload?.data?.toString()).toBe('value');
    expect(requestsOf('AccessSecretVersion')).toBeGreaterThan(2);
  });

  it('maps injected HTTP-like statuses to gRPC codes', async () => {
    const cases: Array<[number, status]> = [
      [429, status.RESOURCE_EXHAUSTED],
      [503, status.UNAVAILABLE],
      [500, status.INTERNAL],
      [504, status.DEADLINE_EXCEEDED],
      [403, status.PERMISSION_DENIED],
    ];
    for (const [httpStatus, code] of cases) {
      emulator.control.injectFault({ operation: 'GetSecret', status: httpStatus, count: 1 });
      await expect(failureOf(client.getSecret({ name: SECRET }))).resolves.toMatchObject({ code });
    }
    expect(requestsOf('GetSecret')).toBe(cases.length);
  });

  it('UNAVAILABLE on AccessSecretVersion is retried by the default config; with retry: null it is not', async () => {
    emulator.control.injectFault({ operation: 'AccessSecretVersion', status: 503, count: 1 });
    const [retried] = await client.accessSecretVersion({ name: LATEST });
    expect(retried.payload?.data?.toString()).toBe('value');
    expect(requestsOf('AccessSecretVersion')).toBe(2);

    emulator.control.injectFault({ operation: 'AccessSecretVersion', status: 503, count: 1 });
    const once = await failureOf(client.accessSecretVersion({ name: LATEST }, { retry: null }));
    expect(once).toMatchObject({ code: status.UNAVAILABLE, details: 'The service is currently unavailable.' });
    expect(requestsOf('AccessSecretVersion')).toBe(3);
  });

  it('UNAVAILABLE on AddSecretVersion reaches the caller after one attempt (non_idempotent: no SDK retry)', async () => {
    emulator.control.injectFault({ operation: 'AddSecretVersion', status: 503, count: 1 });
    const failed = await failureOf(client.addSecretVersion({ parent: SECRET, payload: { data: Buffer.from('x') } }));
    expect(failed.code).toBe(status.UNAVAILABLE);
    expect(requestsOf('AddSecretVersion')).toBe(1);
    expect(emulator.control.state()).toMatchObject({ secrets: [{ versions: [{ id: 1 }] }] });
  });

  it('drops the connection on a connection-reset fault; the client reconnects for the next call', async () => {
    emulator.control.injectFault({ operation: 'GetSecret', connectionReset: true, count: 1 });
    const dropped = await failureOf(client.getSecret({ name: SECRET }));
    expect(dropped.code).toBe(status.UNAVAILABLE);
    const [secret] = await client.getSecret({ name: SECRET });
    expect(secret.name).toBe(SECRET);
  });

  it('delays answers on request', async () => {
    emulator.control.injectFault({ operation: 'GetSecret', latencyMs: 250, count: 1 });
    const started = Date.now();
    await client.getSecret({ name: SECRET });
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('serves the control surface over HTTP: faults, requests, state and reset', async () => {
    const post = (path: string, body: unknown) => fetch(`${emulator.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    await post('/faults', { operation: 'GetSecret', status: 503, count: 1 });
    await expect(failureOf(client.getSecret({ name: SECRET }))).resolves.toMatchObject({ code: status.UNAVAILABLE });

    const counts = await (await fetch(`${emulator.controlUrl}/requests`)).json();
    expect(counts).toMatchObject({ GetSecret: 1, CreateSecret: 1, AddSecretVersion: 1 });
    const state = (await (await fetch(`${emulator.controlUrl}/state`)).json()) as { secrets: Array<{ name: string; versions: Array<{ value: string }> }> };
    expect(state.secrets).toMatchObject([{ name: SECRET, versions: [{ value: 'value' }] }]);

    await post('/reset', {});
    expect(emulator.control.state()).toMatchObject({ secrets: [] });
    expect(emulator.control.requestCounts()).toEqual({});
  });
});
