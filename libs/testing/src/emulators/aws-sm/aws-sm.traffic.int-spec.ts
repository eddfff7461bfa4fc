import { CreateSecretCommand, GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { EXTERNAL_ID, failureOf, ROLE_ARN, secretsClient, stsClient, USER } from './aws-sm.fixtures';
import { RunningAwsSmEmulator, startAwsSmEmulator } from '.';

describe('aws-sm emulator: throttling and injected faults as the SDK sees them', () => {
  let emulator: RunningAwsSmEmulator;

  beforeEach(async () => {
    emulator = await startAwsSmEmulator({ credentials: [USER], roles: [{ roleArn: ROLE_ARN, externalId: EXTERNAL_ID }] });
  });
  afterEach(() => emulator.close());

  it('answers requests past the configured TPS with ThrottlingException at HTTP 400', async () => {
    const limited = await startAwsSmEmulator({ credentials: [USER], tpsLimit: 2 });
    try {
      const client = secretsClient(limited.url);
      await client.send(new ListSecretsCommand({}));
      await client.send(new ListSecretsCommand({}));
      const throttled = await failureOf(client.send(new ListSecretsCommand({})));
      expect(throttled).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $fault: 'client', $metadata: { httpStatusCode: 400, attempts: 1 } });
      expect(limited.control.requestCounts()).toEqual({ ListSecrets: 3 });
    } finally {
      await limited.close();
    }
  });

  it('lets the SDK retry throttling on its own (3 attempts in standard mode)', async () => {
    emulator.control.setRateLimit({ limit: 0, windowMs: 60_000, operation: 'ListSecrets' });
    const throttled = await failureOf(secretsClient(emulator.url, { maxAttempts: 3 }).send(new ListSecretsCommand({})));
    expect(throttled).toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 3 } });
  });

  it('throttles STS in its query dialect', async () => {
    emulator.control.setRateLimit({ limit: 0, windowMs: 60_000, operation: 'AssumeRole' });
    const throttled = await failureOf(stsClient(emulator.url).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 's1', ExternalId: EXTERNAL_ID })));
    expect(throttled).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
  });

  it('injects a 500 per operation: InternalServiceError, which the SDK retries', async () => {
    const client = secretsClient(emulator.url);
    await client.send(new CreateSecretCommand({ Name: 'f', SecretString: 'x' }));
    emulator.control.injectFault({ operation: 'GetSecretValue', status: 500, count: 1 });
    const failed = await failureOf(client.send(new GetSecretValueCommand({ SecretId: 'f' })));
    expect(failed).toMatchObject({ name: 'InternalServiceError', $fault: 'server', $metadata: { httpStatusCode: 500 } });

    emulator.control.injectFault({ operation: 'GetSecretValue', status: 503, count: 1 });
    const retried = await secretsClient(emulator.url, { maxAttempts: 3 }).send(new GetSecretValueCommand({ SecretId: 'f' }));
    expect(retried.$metadata.attempts).toBe(2);
    expect(retried.SecretString).toBe('x');
  });

  it('resets the connection and delays answers on request, also through the HTTP control surface', async () => {
    const client = secretsClient(emulator.url);
    await fetch(`${emulator.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ operation: 'ListSecrets', connectionReset: true, count: 1 }) });
    const reset = await failureOf(client.send(new ListSecretsCommand({})));
    expect(reset.message).toMatch(/socket hang up|ECONNRESET/);

    emulator.control.injectFault({ operation: 'ListSecrets', latencyMs: 300, count: 1 });
    const started = Date.now();
    await client.send(new ListSecretsCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('moves the clock through the HTTP control surface', async () => {
    const client = secretsClient(emulator.url);
    await client.send(new CreateSecretCommand({ Name: 'c', SecretString: 'x' }));
    const before = (emulator.control.state() as { nowMs: number }).nowMs;
    const answer = await fetch(`${emulator.controlUrl}/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 86_400_000 }) });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { nowMs: number }).nowMs - before).toBeGreaterThanOrEqual(86_400_000);
    expect((await fetch(`${emulator.controlUrl}/clock`, { method: 'POST', body: '{"advanceMs":-1}' })).status).toBe(400);
  });
});
