import { SecretClient } from '@azure/keyvault-secrets';
import { failureOf, FAST_POLL, secretClient } from './azure-kv.fixtures';
import { RunningAzureKvEmulator, startAzureKvEmulator } from '.';

describe('azure-kv emulator: conflicts and client errors as SecretClient surfaces them', () => {
  let emulator: RunningAzureKvEmulator;
  let client: SecretClient;

  beforeAll(async () => {
    emulator = await startAzureKvEmulator({ deletionDelayMs: 150, recoveryDelayMs: 150, purgeDelayMs: 150 });
    client = secretClient(emulator);
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.control.reset());

  it('answers a write to a soft-deleted name with 409 Conflict / ObjectIsDeletedButRecoverable', async () => {
    await client.setSecret('held', 'v1');
    await (await client.beginDeleteSecret('held', FAST_POLL)).pollUntilDone();
    const conflict = await failureOf(client.setSecret('held', 'v2'));
    expect(conflict).toMatchObject({
      name: 'RestError',
      statusCode: 409,
      code: 'Conflict',
      message: 'Secret held is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.',
    });
    expect(innerCodeOf(conflict)).toBe('ObjectIsDeletedButRecoverable');
  });

  it('keeps the delete poller polling (404) while the delete is in progress, and the name answers ObjectIsBeingDeleted', async () => {
    await client.setSecret('slow-delete', 'v1');
    const poller = await client.beginDeleteSecret('slow-delete', FAST_POLL);
    const during = await failureOf(client.setSecret('slow-delete', 'v2'));
    expect(during).toMatchObject({ statusCode: 409, code: 'Conflict' });
    expect(innerCodeOf(during)).toBe('ObjectIsBeingDeleted');
    await expect(client.purgeDeletedSecret('slow-delete')).rejects.toMatchObject({ statusCode: 409 });
    const deleted = await poller.pollUntilDone();
    expect(deleted.name).toBe('slow-delete');
    expect(emulator.control.requestCounts()['GetDeletedSecret']).toBeGreaterThan(1);
  });

  it('answers 409 ObjectIsBeingRecovered right after a recover, and the recover poller waits until the secret is readable', async () => {
    await client.setSecret('comeback', 'v1');
    await (await client.beginDeleteSecret('comeback', FAST_POLL)).pollUntilDone();
    const poller = await client.beginRecoverDeletedSecret('comeback', FAST_POLL);
    const conflict = await failureOf(client.setSecret('comeback', 'v2'));
    expect(conflict).toMatchObject({ statusCode: 409, code: 'Conflict', message: 'Secret comeback is currently being recovered and cannot be re-created; retry later.' });
    expect(innerCodeOf(conflict)).toBe('ObjectIsBeingRecovered');
    const recovered = await poller.pollUntilDone();
    expect(recovered.name).toBe('comeback');
    expect(emulator.control.requestCounts()['GetSecret']).toBeGreaterThan(1);
    expect((await client.setSecret('comeback', 'v2')).value).toBe('v2');
  });

  it('refuses to re-create a name for a moment after its purge', async () => {
    await client.setSecret('purged', 'v1');
    await (await client.beginDeleteSecret('purged', FAST_POLL)).pollUntilDone();
    await client.purgeDeletedSecret('purged');
    expect(await failureOf(client.setSecret('purged', 'v2'))).toMatchObject({ statusCode: 409, code: 'Conflict' });
    emulator.advanceClock(150);
    expect((await client.setSecret('purged', 'v2')).value).toBe('v2');
  });

  it('answers a missing secret, version or deleted secret with 404 SecretNotFound', async () => {
    const missing = await failureOf(client.getSecret('nothing-here'));
    expect(missing).toMatchObject({ name: 'RestError', statusCode: 404, code: 'SecretNotFound' });
    expect(missing.message).toMatch(/^A secret with \(name\/id\) nothing-here was not found in this key vault\./);
    await client.setSecret('present', 'v');
    await expect(client.getSecret('present', { version: '0'.repeat(32) })).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound' });
    await expect(client.getDeletedSecret('present')).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound', message: 'Deleted Secret not found' });
    // The recover poller reads the live secret first, so only a name that is neither live nor deleted fails.
    await expect(client.beginRecoverDeletedSecret('nothing-here', FAST_POLL)).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound' });
    await expect(client.beginDeleteSecret('nothing-here', FAST_POLL)).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound' });
  });

  it('answers names outside [0-9a-zA-Z-]{1,127} and oversized values with 400 BadParameter', async () => {
    await expect(client.setSecret('under_score', 'v')).rejects.toMatchObject({ statusCode: 400, code: 'BadParameter', message: 'The request URI contains an invalid name: under_score' });
    await expect(client.setSecret('x'.repeat(128), 'v')).rejects.toMatchObject({ statusCode: 400, code: 'BadParameter' });
    await expect(client.setSecret('big', 'x'.repeat(25 * 1024 + 1))).rejects.toMatchObject({ statusCode: 400, code: 'BadParameter' });
    await expect(client.setSecret('long-type', 'v', { contentType: 't'.repeat(256) })).rejects.toMatchObject({ statusCode: 400, code: 'BadParameter' });
    const tags = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v']));
    await expect(client.setSecret('many-tags', 'v', { tags })).rejects.toMatchObject({ statusCode: 400, code: 'BadParameter' });
    expect((await client.setSecret('x'.repeat(127), 'x'.repeat(25 * 1024))).value).toHaveLength(25 * 1024);
    expect((emulator.control.state() as { secrets: unknown[] }).secrets).toHaveLength(1);
  });
});

/** The wire `innererror.code` of a RestError, as the SDK deserializes it into `details`. */
function innerCodeOf(failure: { details?: unknown }): string | undefined {
  return (failure.details as { error?: { innerError?: { code?: string } } } | undefined)?.error?.innerError?.code;
}
