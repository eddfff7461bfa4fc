import { ClientSecretCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { credentialFor, FAST_POLL, secretClient } from './azure-kv.fixtures';
import { SecretStore } from './azure-kv.store';
import { RunningAzureKvEmulator, startAzureKvEmulator } from '.';

/** Every `serviceVersion` the SDK accepts (spec §2.1); the older dates are covered on the wire. */
const SDK_SERVICE_VERSIONS = ['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '2025-07-01'] as const;

type VaultState = ReturnType<SecretStore['state']> & { tenantId: string };

describe('azure-kv emulator: the secret lifecycle through SecretClient', () => {
  let emulator: RunningAzureKvEmulator;
  let client: SecretClient;
  let sharedCredential: ClientSecretCredential;

  beforeAll(async () => {
    emulator = await startAzureKvEmulator();
    sharedCredential = credentialFor(emulator);
    client = secretClient(emulator, {}, sharedCredential);
  });
  afterAll(() => emulator.close());
  afterEach(() => emulator.control.reset());

  const state = () => emulator.control.state() as VaultState;

  it('sets and gets secrets with versions, tags, content type and attributes', async () => {
    const first = await client.setSecret('db-password', 'v1', { tags: { owner: 'vault-sync' }, contentType: 'text/plain' });
    expect(first).toMatchObject({ name: 'db-password', value: 'v1', properties: { vaultUrl: emulator.url, enabled: true, contentType: 'text/plain', tags: { owner: 'vault-sync' } } });
    expect(first.properties.version).toMatch(/^[0-9a-f]{32}$/);
    expect(first.properties.id).toBe(`${emulator.url}/secrets/db-password/${first.properties.version}`);
    expect(first.properties).toMatchObject({ recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 });
    expect(first.properties.createdOn).toBeInstanceOf(Date);

    const expiresOn = new Date('2030-01-01T00:00:00Z');
    const second = await client.setSecret('db-password', 'v2', { expiresOn, enabled: true });
    expect((await client.getSecret('db-password')).value).toBe('v2');
    expect((await client.getSecret('db-password', { version: first.properties.version })).value).toBe('v1');
    expect((await client.getSecret('db-password')).properties).toMatchObject({ version: second.properties.version, expiresOn, tags: undefined });

    const versions = [];
    for await (const version of client.listPropertiesOfSecretVersions('db-password')) versions.push(version.version);
    expect(versions.sort()).toEqual([first.properties.version, second.properties.version].sort());
    expect(state().secrets[0].versions.map((v) => v.value)).toEqual(['v1', 'v2']);
  });

  it('updates properties of the latest or a given version without a new version; a disabled secret reads as 403 SecretDisabled', async () => {
    const first = await client.setSecret('api-key', 'k1', { tags: { a: '1' } });
    await client.setSecret('api-key', 'k2');
    const updated = await client.updateSecretProperties('api-key', String(first.properties.version), { tags: { a: '2' }, contentType: 'application/json' });
    expect(updated).toMatchObject({ version: first.properties.version, tags: { a: '2' }, contentType: 'application/json' });
    expect(updated).not.toHaveProperty('value');

    const latest = String((await client.getSecret('api-key')).properties.version);
    await client.updateSecretProperties('api-key', '', { enabled: false });
    await expect(client.getSecret('api-key')).rejects.toMatchObject({ name: 'RestError', statusCode: 403, code: 'Forbidden' });
    expect(state().secrets[0].versions.map((v) => [v.version === latest, v.enabled])).toEqual([[false, true], [true, false]]);
    await client.updateSecretProperties('api-key', latest, { enabled: true });
    expect((await client.getSecret('api-key')).value).toBe('k2');
  });

  it('lists the latest properties of every secret without values, following nextLink across pages', async () => {
    for (const name of ['e', 'a', 'D', 'c', 'b']) await client.setSecret(name, `value-${name}`, { tags: { name } });
    const pages: string[][] = [];
    for await (const page of client.listPropertiesOfSecrets().byPage({ maxPageSize: 2 })) pages.push(page.map((p) => p.name));
    expect(pages).toEqual([['a', 'b'], ['c', 'D'], ['e']]);
    const all = [];
    for await (const properties of client.listPropertiesOfSecrets()) all.push(properties);
    expect(all.map((p) => [p.name, p.tags?.['name']])).toEqual([['a', 'a'], ['b', 'b'], ['c', 'c'], ['D', 'D'], ['e', 'e']]);
    expect(all[0]).not.toHaveProperty('value');
    expect(emulator.control.requestCounts()['GetSecrets']).toBe(4);
  });

  it('deletes with the poller, reads and lists the deleted secret, recovers it with the poller', async () => {
    const written = await client.setSecret('rotating', 'r1', { tags: { k: 'v' } });
    const deleted = await (await client.beginDeleteSecret('rotating', FAST_POLL)).pollUntilDone();
    expect(deleted).toMatchObject({ name: 'rotating', recoveryId: `${emulator.url}/deletedsecrets/rotating`, properties: { version: written.properties.version, tags: { k: 'v' } } });
    expect(deleted.deletedOn).toBeInstanceOf(Date);
    expect(Number(deleted.scheduledPurgeDate) - Number(deleted.deletedOn)).toBe(90 * 24 * 60 * 60 * 1000);
    expect(deleted.value).toBeUndefined();

    await expect(client.getSecret('rotating')).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound' });
    expect(await client.getDeletedSecret('rotating')).toMatchObject({ name: 'rotating', recoveryId: deleted.recoveryId });
    const listed = [];
    for await (const secret of client.listDeletedSecrets()) listed.push(secret.name);
    expect(listed).toEqual(['rotating']);
    expect(state().secrets[0].deletion).toEqual({ deletedDate: expect.any(Number), scheduledPurgeDate: expect.any(Number) });

    const recovered = await (await client.beginRecoverDeletedSecret('rotating', FAST_POLL)).pollUntilDone();
    expect(recovered).toMatchObject({ name: 'rotating', version: written.properties.version });
    expect((await client.getSecret('rotating')).value).toBe('r1');
    expect(state().secrets[0].deletion).toBeUndefined();
  });

  it('purges a deleted secret (204) so the name can be created afresh', async () => {
    await client.setSecret('temp', 'old');
    await (await client.beginDeleteSecret('temp', FAST_POLL)).pollUntilDone();
    await client.purgeDeletedSecret('temp');
    expect(state().secrets).toEqual([]);
    await expect(client.getDeletedSecret('temp')).rejects.toMatchObject({ statusCode: 404, code: 'SecretNotFound' });
    const fresh = await client.setSecret('temp', 'new');
    expect(fresh.value).toBe('new');
    expect(state().secrets[0].versions).toHaveLength(1);
  });

  it('purges soft-deleted secrets by themselves on their scheduled purge date', async () => {
    await client.setSecret('short-lived', 'x');
    await (await client.beginDeleteSecret('short-lived', FAST_POLL)).pollUntilDone();
    emulator.advanceClock(90 * 24 * 60 * 60 * 1000);
    // The token was issued before the jump: get a fresh credential (MSAL caches per credential).
    const later = secretClient(emulator);
    await expect(later.getDeletedSecret('short-lived')).rejects.toMatchObject({ statusCode: 404 });
    expect((await later.setSecret('short-lived', 'y')).value).toBe('y');
  });

  it.each(SDK_SERVICE_VERSIONS)('serves the SDK pinned to serviceVersion %s', async (serviceVersion) => {
    const pinned = secretClient(emulator, { serviceVersion }, sharedCredential);
    await pinned.setSecret('pinned', serviceVersion);
    expect((await pinned.getSecret('pinned')).value).toBe(serviceVersion);
  });
});
