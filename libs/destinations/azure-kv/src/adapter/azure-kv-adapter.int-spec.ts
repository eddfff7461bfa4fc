import { DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RunningAzureKvEmulator, startAzureKvEmulator, StoredSecret } from '@vault-sync/testing/emulators/azure-kv';
import { desiredObject, emulatedDestination, emulatorOptions, inspected } from './__fixtures__/azure-kv-destinations';
import { AzureKeyVaultAdapterFactory } from './azure-kv-adapter-factory';
import { secretClientFor } from './azure-kv-clients';
import { azureKvSettingsOf } from './azure-kv-settings';

describe('azure-kv adapter: secret lifecycle against the emulator', () => {
  let emulator: RunningAzureKvEmulator;
  let factory: AzureKeyVaultAdapterFactory;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startAzureKvEmulator({ recoveryDelayMs: 100 });
    factory = new AzureKeyVaultAdapterFactory(emulatorOptions(emulator));
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.reset();
  });
  afterAll(() => emulator.close());

  function adapterFor(body: Record<string, unknown> = {}, name = 'prod-azure') {
    const destination = emulatedDestination(emulator, name, body);
    const adapter = factory.create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  function stored(name: string): StoredSecret | undefined {
    return (emulator.control.state() as { secrets: StoredSecret[] }).secrets.find((secret) => secret.name === name);
  }
  const current = (name: string) => stored(name)?.versions.at(-1);

  it('creates a secret with the built-in tag, our marks and the custom tags, and inspects it back', async () => {
    const { destination, adapter } = adapterFor({ custom_tags: { team: 'payments' } });
    const object = desiredObject(destination, 'vault-kv-1234-app', '{"password":"p1"}');
    expect(await adapter.inspect(object.name)).toBeUndefined();

    const outcome = await adapter.write(object, undefined);

    expect(outcome).toEqual({ created: true, externalId: `${emulator.url}/secrets/vault-kv-1234-app` });
    expect(current(object.name)?.value).toBe('{"password":"p1"}');
    expect(current(object.name)?.tags).toEqual({
      team: 'payments',
      'hashicorp:vault': '',
      'vault-sync-destination': 'azure-kv/prod-azure',
      'vault-sync-source': 'kv_1234/vault-kv-1234-app',
      'vault-sync-owner': 'install-test',
    });
    expect(await adapter.inspect(object.name)).toEqual({ name: object.name, externalId: outcome.externalId, marks: object.marks, pendingDeletion: false });
  });

  it('updates with a new version under the same versionless id, carrying the current custom tags only', async () => {
    const before = adapterFor({ custom_tags: { team: 'payments', tier: 'gold' } });
    const first = await before.adapter.write(desiredObject(before.destination, 'app', 'v1'), undefined);

    const after = adapterFor({ custom_tags: { team: 'billing' } });
    const existing = await inspected(after.adapter, 'app');
    const second = await after.adapter.write(desiredObject(after.destination, 'app', 'v2'), existing);

    expect(second).toEqual({ created: false, externalId: first.externalId });
    expect(stored('app')?.versions.map((v) => v.value)).toEqual(['v1', 'v2']);
    expect(current('app')?.tags).toMatchObject({ team: 'billing', 'vault-sync-owner': 'install-test' });
    expect(current('app')?.tags).not.toHaveProperty('tier');
  });

  it('reports the marks of a secret written by someone else, and none for an unmarked one', async () => {
    const { adapter } = adapterFor();
    const other = adapterFor({}, 'other-destination');
    await other.adapter.write(desiredObject(other.destination, 'shared', 'v', 'kv_9/elsewhere'), undefined);
    expect((await inspected(adapter, 'shared')).marks).toEqual({ destination: 'azure-kv/other-destination', source: 'kv_9/elsewhere', owner: 'install-test' });

    const settings = azureKvSettingsOf(other.destination);
    await secretClientFor(settings, emulatorOptions(emulator)).setSecret('hand-made', 'v', { tags: { team: 'ops' } });
    expect(await inspected(adapter, 'hand-made')).toMatchObject({ marks: {}, pendingDeletion: false });
  });

  it('soft-deletes on remove without waiting for it to settle; inspect then reports the pending deletion', async () => {
    const { destination, adapter } = adapterFor();
    const object = desiredObject(destination, 'gone-soon', 'v1');
    await adapter.write(object, undefined);

    await adapter.remove(await inspected(adapter, 'gone-soon'));

    expect(stored('gone-soon')?.deletion).toBeDefined();
    expect(emulator.control.requestCounts()).toMatchObject({ DeleteSecret: 1, GetDeletedSecret: 1 });
    expect(await adapter.inspect('gone-soon')).toEqual({ name: 'gone-soon', externalId: `${emulator.url}/secrets/gone-soon`, marks: object.marks, pendingDeletion: true });
    // Removing what is already soft-deleted or gone is success, without a call.
    const counts = emulator.control.requestCounts();
    await adapter.remove(await inspected(adapter, 'gone-soon'));
    await adapter.remove({ name: 'never-there', pendingDeletion: false });
    expect(emulator.control.requestCounts()['DeleteSecret']).toBe((counts['DeleteSecret'] ?? 0) + 1);
  });

  it('recovers a soft-deleted secret before writing the new version over it, keeping its history', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'comeback', 'v1'), undefined);
    await adapter.remove(await inspected(adapter, 'comeback'));

    const outcome = await adapter.write(desiredObject(destination, 'comeback', 'v2'), await inspected(adapter, 'comeback'));

    expect(outcome).toEqual({ created: false, externalId: `${emulator.url}/secrets/comeback` });
    expect(stored('comeback')?.deletion).toBeUndefined();
    expect(stored('comeback')?.versions.map((v) => v.value)).toEqual(['v1', 'v2']);
    expect(emulator.control.requestCounts()['RecoverDeletedSecret']).toBe(1);
  });

  it('recovers our own secret deleted between inspect and write', async () => {
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'raced', 'v1'), undefined);
    const seenLive = await inspected(adapter, 'raced');
    await adapter.remove(seenLive);

    await expect(adapter.write(desiredObject(destination, 'raced', 'v2'), seenLive)).resolves.toMatchObject({ created: false });
    expect(current('raced')?.value).toBe('v2');
  });

  it("leaves someone else's secret deleted between inspect and write to the runtime's ownership check", async () => {
    const { destination, adapter } = adapterFor();
    const other = adapterFor({}, 'other-destination');
    await other.adapter.write(desiredObject(other.destination, 'foreign', 'theirs', 'kv_9/elsewhere'), undefined);
    await other.adapter.remove(await inspected(other.adapter, 'foreign'));

    const failure = await adapter.write(desiredObject(destination, 'foreign', 'ours'), undefined).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure).toMatchObject({ code: ErrorCode.ConcurrentModification, retryable: true });
    expect(stored('foreign')?.deletion).toBeDefined();
    expect(stored('foreign')?.versions.map((v) => v.value)).toEqual(['theirs']);
  });

  it('gives up waiting for a slow recovery with a retryable error; the next run writes', async () => {
    const slow = new AzureKeyVaultAdapterFactory({ ...emulatorOptions(emulator), recovery: { pollIntervalMs: 10, maxWaitMs: 30 } });
    const destination = emulatedDestination(emulator, 'prod-azure');
    const adapter = slow.create(destination);
    adapters.push(adapter);
    await adapter.write(desiredObject(destination, 'slow', 'v1'), undefined);
    await adapter.remove(await inspected(adapter, 'slow'));

    const failure = await adapter.write(desiredObject(destination, 'slow', 'v2'), await inspected(adapter, 'slow')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: ErrorCode.ConcurrentModification, retryable: true });

    emulator.advanceClock(100);
    await expect(adapter.write(desiredObject(destination, 'slow', 'v2'), await adapter.inspect('slow'))).resolves.toMatchObject({ created: false });
    expect(current('slow')?.value).toBe('v2');
  });
});
