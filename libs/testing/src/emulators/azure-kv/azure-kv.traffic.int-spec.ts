import { SecretClient } from '@azure/keyvault-secrets';
import { credentialFor, failureOf, rawRequest, secretClient } from './azure-kv.fixtures';
import { RunningAzureKvEmulator, startAzureKvEmulator } from '.';

describe('azure-kv emulator: throttling and injected faults as SecretClient sees them', () => {
  let emulator: RunningAzureKvEmulator;
  let credential: ReturnType<typeof credentialFor>;
  /** A client whose challenge is already done, so every call below is one request. */
  const warmClient = async (maxRetries = 0): Promise<SecretClient> => {
    const client = secretClient(emulator, { maxRetries }, credential);
    await client.setSecret('k', 'v');
    return client;
  };

  beforeAll(async () => {
    emulator = await startAzureKvEmulator();
    credential = credentialFor(emulator);
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.control.reset();
    emulator.authorityControl.reset();
  });

  it('answers past the rate limit with 429 Throttled and Retry-After in seconds', async () => {
    const client = await warmClient();
    emulator.control.setRateLimit({ limit: 1, windowMs: 60_000, operation: 'GetSecret' });
    await client.getSecret('k');
    const throttled = await failureOf(client.getSecret('k'));
    expect(throttled).toMatchObject({
      name: 'RestError',
      statusCode: 429,
      code: 'Throttled',
      message: 'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
    });
    expect(Number(throttled.response?.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(Number(throttled.response?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('lets the SDK wait for Retry-After and retry on its own', async () => {
    const client = await warmClient(2);
    emulator.control.setRateLimit({ limit: 1, windowMs: 800, operation: 'GetSecret' });
    await client.getSecret('k');
    const started = Date.now();
    expect((await client.getSecret('k')).value).toBe('v');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emulator.control.requestCounts()['GetSecret']).toBe(3);
  });

  it('injects 503 ServiceUnavailable and 500 InternalServerError, which the SDK retries', async () => {
    const client = await warmClient();
    emulator.control.injectFault({ operation: 'GetSecret', status: 503, count: 1 });
    await expect(client.getSecret('k')).rejects.toMatchObject({ name: 'RestError', statusCode: 503, code: 'ServiceUnavailable' });
    emulator.control.injectFault({ operation: 'GetSecret', status: 500, count: 1 });
    await expect(client.getSecret('k')).rejects.toMatchObject({ statusCode: 500, code: 'InternalServerError' });

    const retrying = await warmClient(3);
    emulator.control.injectFault({ operation: 'GetSecret', status: 503, count: 2 });
    expect((await retrying.getSecret('k')).value).toBe('v');
    expect(emulator.control.requestCounts()['GetSecret']).toBe(5);
  });

  it('resets connections: a network error for the SDK, retried when retries are on', async () => {
    const client = await warmClient();
    emulator.control.injectFault({ operation: 'GetSecret', connectionReset: true, count: 1 });
    const reset = await failureOf(client.getSecret('k'));
    expect(reset).toMatchObject({ name: 'RestError', code: 'ECONNRESET' });
    expect(reset.statusCode).toBeUndefined();
    const retrying = await warmClient(1);
    emulator.control.injectFault({ operation: 'GetSecret', connectionReset: true, count: 1 });
    expect((await retrying.getSecret('k')).value).toBe('v');
  });

  it('takes faults and the clock through the HTTPS control surface', async () => {
    const client = await warmClient();
    const fault = await rawRequest(emulator, `${emulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ operation: 'GetSecrets', status: 503, count: 1 }) });
    expect(fault.status).toBe(200);
    await expect(client.listPropertiesOfSecrets().next()).rejects.toMatchObject({ statusCode: 503 });
    const before = (emulator.control.state() as { nowMs: number }).nowMs;
    const moved = await rawRequest(emulator, `${emulator.controlUrl}/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 3_600_000 }) });
    expect((moved.body as { nowMs: number }).nowMs - before).toBeGreaterThanOrEqual(3_600_000);
    await expect(client.getSecret('k')).rejects.toMatchObject({ statusCode: 401 });
    const state = await rawRequest(emulator, `${emulator.controlUrl}/state`);
    expect(state.body).toMatchObject({ secrets: [{ name: 'k', versions: [{ value: 'v' }] }] });
  });

  it('keeps the vault and the token authority apart: each has its own faults and counts', async () => {
    emulator.control.injectFault({ status: 503, count: 1 });
    await expect(secretClient(emulator).getSecret('k')).rejects.toMatchObject({ statusCode: 503 });
    expect(emulator.authorityControl.requestCounts()).toEqual({});

    emulator.authorityControl.injectFault({ operation: 'RequestToken', status: 503 });
    const failure = await failureOf(secretClient(emulator).getSecret('k'));
    expect(failure).toMatchObject({ name: 'AuthenticationRequiredError', message: expect.stringMatching(/^temporarily_unavailable: /) });
    expect(emulator.control.requestCounts()).toEqual({ GetSecret: 2 });
  });
});
