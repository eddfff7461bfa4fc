import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { status } from '@grpc/grpc-js';
import { crc32c } from './gcp-sm.crc32c';
import { automatic, failureOf, PARENT, secretManagerClient } from './gcp-sm.fixtures';
import { RunningGcpSmEmulator, startGcpSmEmulator } from '.';

const SECRET = `${PARENT}/secrets/api-key`;
const version = (n: number | string) => `${SECRET}/versions/${n}`;

describe('gcp-sm emulator: secret versions through SecretManagerServiceClient', () => {
  let emulator: RunningGcpSmEmulator;
  let client: SecretManagerServiceClient;

  beforeAll(async () => {
    emulator = await startGcpSmEmulator();
    client = secretManagerClient(emulator);
  });
  beforeEach(() => client.createSecret({ parent: PARENT, secretId: 'api-key', secret: { replication: automatic } }));
  afterEach(() => emulator.control.reset());
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  const add = (value: string) => client.addSecretVersion({ parent: SECRET, payload: { data: Buffer.from(value) } }).then(([v]) => v);
  const access = (name: string) => client.accessSecretVersion({ name }, { retry: null }).then(([answer]) => answer);

  it('adds versions numbered from 1 and gives back latest and numbered payloads with their CRC32C', async () => {
    const first = await add('one');
    expect(first).toMatchObject({ name: version(1), state: 'ENABLED', clientSpecifiedPayloadChecksum: false, replicationStatus: { automatic: {} } });
    await add('two');

    const latest = await access(version('latest'));
    expect(latest.name).toBe(version(2));
    expect(latest.payload?.data?.toString()).toBe('two');
    expect(Number(latest.payload?.dataCrc32c)).toBe(crc32c(Buffer.from('two')));
    expect((await access(version(1))).payload?.data?.toString()).toBe('one');
  });

  it('reports a secret without versions, or a missing version, as NOT_FOUND', async () => {
    const empty = await failureOf(access(version('latest')));
    expect(empty).toMatchObject({ code: status.NOT_FOUND, details: `Secret [${SECRET}] not found or has no versions.` });
    await add('v');
    await expect(failureOf(access(version(7)))).resolves.toMatchObject({ code: status.NOT_FOUND, details: `Secret Version [${version(7)}] not found.` });
    const noSecret = await failureOf(client.addSecretVersion({ parent: `${PARENT}/secrets/ghost`, payload: { data: Buffer.from('x') } }));
    expect(noSecret.code).toBe(status.NOT_FOUND);
  });

  it('checks data_crc32c when the client sends one, and the 64 KiB payload limit', async () => {
    const data = Buffer.from('checked');
    const [checked] = await client.addSecretVersion({ parent: SECRET, payload: { data, dataCrc32c: crc32c(data) } });
    expect(checked.clientSpecifiedPayloadChecksum).toBe(true);
    const corrupt = await failureOf(client.addSecretVersion({ parent: SECRET, payload: { data, dataCrc32c: crc32c(data) + 1 } }));
    expect(corrupt).toMatchObject({ code: status.INVALID_ARGUMENT, details: expect.stringContaining('data_crc32c') });

    await expect(client.addSecretVersion({ parent: SECRET, payload: { data: Buffer.alloc(64 * 1024, 1) } })).resolves.toBeDefined();
    const tooLarge = await failureOf(client.addSecretVersion({ parent: SECRET, payload: { data: Buffer.alloc(64 * 1024 + 1, 1) } }));
    expect(tooLarge.code).toBe(status.INVALID_ARGUMENT);
  });

  it('disables, enables and destroys versions; only ENABLED ones can be accessed', async () => {
    await add('secret');
    const [disabled] = await client.disableSecretVersion({ name: version(1) });
    expect(disabled.state).toBe('DISABLED');
    const whileDisabled = await failureOf(access(version('latest')));
    expect(whileDisabled).toMatchObject({ code: status.FAILED_PRECONDITION, details: `Secret Version [${version(1)}] is in DISABLED state.` });

    const [enabled] = await client.enableSecretVersion({ name: version(1) });
    expect(enabled.state).toBe('ENABLED');
    const [destroyed] = await client.destroySecretVersion({ name: version(1), etag: enabled.etag });
    expect(destroyed).toMatchObject({ state: 'DESTROYED' });
    expect(Number(destroyed.destroyTime?.seconds)).toBeGreaterThan(0);
    await expect(failureOf(access(version(1)))).resolves.toMatchObject({ code: status.FAILED_PRECONDITION, details: expect.stringContaining('DESTROYED') });
    await expect(failureOf(client.enableSecretVersion({ name: version(1) }))).resolves.toMatchObject({ code: status.FAILED_PRECONDITION });
    expect(emulator.control.state()).toMatchObject({ secrets: [{ versions: [{ id: 1, state: 'DESTROYED', value: undefined }] }] });
  });

  it('refuses a version change with a stale version etag', async () => {
    const added = await add('v1');
    await client.disableSecretVersion({ name: version(1), etag: added.etag });
    const stale = await failureOf(client.enableSecretVersion({ name: version(1), etag: added.etag }));
    expect(stale.code).toBe(status.FAILED_PRECONDITION);
  });

  it('lists versions newest first, filtered by state', async () => {
    await add('a');
    await add('b');
    await add('c');
    await client.disableSecretVersion({ name: version(2) });
    const [versions] = await client.listSecretVersions({ parent: SECRET });
    expect(versions.map((v) => [v.name, v.state])).toEqual([
      [version(3), 'ENABLED'],
      [version(2), 'DISABLED'],
      [version(1), 'ENABLED'],
    ]);
    const [enabledOnly] = await client.listSecretVersions({ parent: SECRET, filter: 'state:ENABLED' });
    expect(enabledOnly.map((v) => v.name)).toEqual([version(3), version(1)]);
  });

  it('with a version destroy TTL, destroy disables the version until the TTL has passed', async () => {
    await client.updateSecret({ secret: { name: SECRET, versionDestroyTtl: { seconds: 86_400 } }, updateMask: { paths: ['version_destroy_ttl'] } });
    await add('slow');
    const [scheduled] = await client.destroySecretVersion({ name: version(1) });
    expect(scheduled.state).toBe('DISABLED');
    expect(Number(scheduled.scheduledDestroyTime?.seconds)).toBeGreaterThan(Date.now() / 1000 + 86_000);

    emulator.advanceClock(86_401_000);
    const [later] = await client.getSecretVersion({ name: version(1) });
    expect(later.state).toBe('DESTROYED');
  });

  it('resolves version aliases', async () => {
    await add('first');
    await add('second');
    await client.updateSecret({ secret: { name: SECRET, versionAliases: { stable: 1 } }, updateMask: { paths: ['version_aliases'] } });
    expect((await access(version('stable'))).payload?.data?.toString()).toBe('first');
    const dangling = await failureOf(client.updateSecret({ secret: { name: SECRET, versionAliases: { next: 9 } }, updateMask: { paths: ['version_aliases'] } }));
    expect(dangling.code).toBe(status.INVALID_ARGUMENT);
  });
});
