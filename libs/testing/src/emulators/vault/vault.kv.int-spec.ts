import NodeVault from 'node-vault';
import { RunningVaultEmulator, startVaultEmulator } from './index';

// node-vault is configured exactly as an adapter points it at a non-default Vault: endpoint + token.
const ROOT = 'hvs.kv-test-root';

interface VaultFailure {
  message: string;
  response: { statusCode: number; body: { errors?: string[]; data?: { data: unknown; metadata: Record<string, unknown> } } };
}

async function failure(promise: Promise<unknown>): Promise<VaultFailure> {
  try {
    await promise;
  } catch (err) {
    return err as VaultFailure;
  }
  throw new Error('expected the call to fail');
}

describe('vault emulator: KV v2 through node-vault', () => {
  let emulator: RunningVaultEmulator;
  let vault: NodeVault.client;

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    vault = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });
  });
  afterEach(() => emulator.close());

  const patch = (path: string, body: unknown, contentType = 'application/merge-patch+json') =>
    fetch(`${emulator.url}/v1/${path}`, { method: 'PATCH', headers: { 'x-vault-token': ROOT, 'content-type': contentType }, body: JSON.stringify(body) });

  it('writes, reads latest and older versions, with the envelope and version metadata', async () => {
    const first = await vault.write('secret/data/app/db', { data: { username: 'app', password: 's3cret' } });
    expect(first).toMatchObject({ lease_id: '', renewable: false, lease_duration: 0, wrap_info: null, warnings: null, auth: null, mount_type: 'kv' });
    expect(first.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.data).toEqual({ created_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/), custom_metadata: null, deletion_time: '', destroyed: false, version: 1 });
    await vault.write('secret/data/app/db', { data: { username: 'app', password: 'rotated' } });

    const latest = await vault.read('secret/data/app/db');
    expect(latest.data).toEqual({ data: { username: 'app', password: 'rotated' }, metadata: expect.objectContaining({ version: 2, deletion_time: '', destroyed: false }) });
    const older = await vault.read('secret/data/app/db?version=1');
    expect(older.data.data).toEqual({ username: 'app', password: 's3cret' });

    const metadata = await vault.read('secret/metadata/app/db');
    expect(metadata.data).toMatchObject({ current_version: 2, oldest_version: 0, max_versions: 0, cas_required: false, delete_version_after: '0s', custom_metadata: null });
    expect(Object.keys(metadata.data.versions)).toEqual(['1', '2']);
    expect((emulator.control.state() as { mounts: Record<string, { secrets: Record<string, { data: unknown }> }> }).mounts['secret/'].secrets['app/db'].data).toEqual({
      '1': { username: 'app', password: 's3cret' },
      '2': { username: 'app', password: 'rotated' },
    });
  });

  it('answers 404 with {"errors":[]} for a secret that never existed', async () => {
    const error = await failure(vault.read('secret/data/nope'));
    expect(error.response).toEqual({ statusCode: 404, body: { errors: [] } });
  });

  it('lists folders with the LIST verb and with ?list=true; an empty folder is a 404', async () => {
    await vault.write('secret/data/app/db', { data: { a: '1' } });
    await vault.write('secret/data/app/cache/redis', { data: { a: '1' } });
    await vault.write('secret/data/top', { data: { a: '1' } });
    expect((await vault.list('secret/metadata/')).data.keys).toEqual(['app/', 'top']);
    expect((await vault.list('secret/metadata/app')).data.keys).toEqual(['cache/', 'db']);
    const viaQuery = await fetch(`${emulator.url}/v1/secret/metadata/app/?list=true`, { headers: { 'x-vault-token': ROOT } });
    expect(((await viaQuery.json()) as { data: { keys: string[] } }).data.keys).toEqual(['cache/', 'db']);
    const empty = await failure(vault.list('secret/metadata/none/'));
    expect(empty.response).toEqual({ statusCode: 404, body: { errors: [] } });
  });

  it('soft-deletes the latest version: 404 with a body holding the metadata; undelete restores it', async () => {
    await vault.write('secret/data/app/db', { data: { password: 'x' } });
    await vault.delete('secret/data/app/db');
    const deleted = await failure(vault.read('secret/data/app/db'));
    expect(deleted.response.statusCode).toBe(404);
    expect(deleted.response.body.data).toEqual({ data: null, metadata: expect.objectContaining({ version: 1, destroyed: false, deletion_time: expect.stringMatching(/Z$/) }) });
    expect(deleted.response.body).toMatchObject({ request_id: expect.any(String), mount_type: 'kv' });

    await vault.write('secret/undelete/app/db', { versions: [1] });
    expect((await vault.read('secret/data/app/db')).data.data).toEqual({ password: 'x' });
  });

  it('deletes chosen versions, destroys versions for good, and refuses a call without versions', async () => {
    for (const password of ['a', 'b', 'c']) await vault.write('secret/data/app/db', { data: { password } });
    await vault.write('secret/delete/app/db', { versions: [1] });
    expect((await failure(vault.read('secret/data/app/db?version=1'))).response.body.data?.metadata['deletion_time']).not.toBe('');
    await vault.write('secret/destroy/app/db', { versions: '2' });
    const destroyed = await failure(vault.read('secret/data/app/db?version=2'));
    expect(destroyed.response.body.data).toEqual({ data: null, metadata: expect.objectContaining({ version: 2, destroyed: true, deletion_time: '' }) });
    expect((await vault.read('secret/data/app/db')).data.data).toEqual({ password: 'c' });
    const metadata = await vault.read('secret/metadata/app/db');
    expect(metadata.data.versions['2']).toEqual({ created_time: expect.any(String), deletion_time: '', destroyed: true });

    const missing = await failure(vault.write('secret/destroy/app/db', {}));
    expect(missing.response).toEqual({ statusCode: 400, body: { errors: ['no version number provided'] } });
  });

  it('enforces check-and-set: required by metadata, mismatching versions refused, nothing written', async () => {
    await vault.write('secret/metadata/app/db', { cas_required: true });
    const required = await failure(vault.write('secret/data/app/db', { data: { a: '1' } }));
    expect(required.response).toEqual({ statusCode: 400, body: { errors: ['check-and-set parameter required for this call'] } });
    await vault.write('secret/data/app/db', { data: { a: '1' }, options: { cas: 0 } });
    const mismatch = await failure(vault.write('secret/data/app/db', { data: { a: '2' }, options: { cas: 0 } }));
    expect(mismatch.message).toBe('check-and-set parameter did not match the current version');
    expect(mismatch.response.statusCode).toBe(400);
    expect((await vault.read('secret/metadata/app/db')).data.current_version).toBe(1);
    expect((await vault.write('secret/data/app/db', { data: { a: '2' }, options: { cas: 1 } })).data.version).toBe(2);
  });

  it('prunes versions beyond max_versions', async () => {
    await vault.write('secret/metadata/app/db', { max_versions: 2 });
    for (const password of ['a', 'b', 'c']) await vault.write('secret/data/app/db', { data: { password } });
    const metadata = await vault.read('secret/metadata/app/db');
    expect(metadata.data).toMatchObject({ current_version: 3, oldest_version: 2, max_versions: 2 });
    expect(Object.keys(metadata.data.versions)).toEqual(['2', '3']);
    expect((await failure(vault.read('secret/data/app/db?version=1'))).response).toEqual({ statusCode: 404, body: { errors: [] } });
  });

  it('expires versions once delete_version_after passes (emulator clock and real time)', async () => {
    await vault.write('secret/metadata/app/db', { delete_version_after: '1h' });
    await vault.write('secret/data/app/db', { data: { a: '1' } });
    const live = await vault.read('secret/data/app/db');
    expect(Date.parse(live.data.metadata.deletion_time)).toBeGreaterThan(Date.now() + 3_500_000);
    expect((await vault.read('secret/metadata/app/db')).data.delete_version_after).toBe('1h0m0s');
    emulator.advanceClock(3_600_001);
    expect((await failure(vault.read('secret/data/app/db'))).response.body.data?.data).toBeNull();

    await vault.write('secret/metadata/short', { delete_version_after: '300ms' });
    await vault.write('secret/data/short', { data: { a: '1' } });
    expect((await vault.read('secret/data/short')).data.data).toEqual({ a: '1' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await failure(vault.read('secret/data/short'))).response.statusCode).toBe(404);
  });

  it('patches data with a JSON merge patch (node-vault update) and requires the merge-patch content type', async () => {
    await vault.write('secret/data/app/db', { data: { username: 'app', password: 'x', port: '5432' } });
    const patched = await vault.update('secret/data/app/db', { data: { password: null, host: 'db.internal' } });
    expect(patched.data.version).toBe(2);
    expect((await vault.read('secret/data/app/db')).data.data).toEqual({ username: 'app', port: '5432', host: 'db.internal' });

    const wrongType = await patch('secret/data/app/db', { data: { a: '1' } }, 'application/json');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({ errors: ['PATCH requires Content-Type of application/merge-patch+json, provided application/json'] });
    expect((await patch('secret/data/missing', { data: { a: '1' } })).status).toBe(404);
  });

  it('writes, patches and deletes metadata; a metadata delete removes every version', async () => {
    await vault.write('secret/metadata/app/db', { custom_metadata: { owner: 'team-a', tier: 'gold' }, max_versions: 5 });
    expect((await patch('secret/metadata/app/db', { custom_metadata: { tier: null, region: 'eu' } })).status).toBe(204);
    const metadata = await vault.read('secret/metadata/app/db');
    expect(metadata.data).toMatchObject({ custom_metadata: { owner: 'team-a', region: 'eu' }, max_versions: 5, current_version: 0, created_time: '1970-01-01T00:00:00Z' });
    await vault.write('secret/data/app/db', { data: { a: '1' } });
    expect((await vault.read('secret/data/app/db')).data.metadata.custom_metadata).toEqual({ owner: 'team-a', region: 'eu' });

    await vault.delete('secret/metadata/app/db');
    expect((await failure(vault.read('secret/metadata/app/db'))).response.statusCode).toBe(404);
    expect((await failure(vault.read('secret/data/app/db'))).response.body).toEqual({ errors: [] });
    expect((await patch('secret/metadata/app/db', { max_versions: 1 })).status).toBe(404);
  });

  it('shows subkeys without values', async () => {
    await vault.write('secret/data/app/db', { data: { user: 'u', tls: { cert: 'c', key: 'k' } } });
    expect((await vault.read('secret/subkeys/app/db')).data).toEqual({ subkeys: { user: null, tls: { cert: null, key: null } }, metadata: expect.objectContaining({ version: 1 }) });
    expect((await vault.read('secret/subkeys/app/db?depth=1')).data.subkeys).toEqual({ user: null, tls: null });
  });

  it('reads and writes the mount config', async () => {
    await vault.write('secret/config', { max_versions: 3, delete_version_after: 90 });
    expect((await vault.read('secret/config')).data).toEqual({ cas_required: false, delete_version_after: '1m30s', max_versions: 3 });
  });

  it('refuses operations and paths KV v2 does not have', async () => {
    expect((await failure(vault.list('secret/data/'))).response).toEqual({ statusCode: 405, body: { errors: ['1 error occurred:\n\t* unsupported operation\n\n'] } });
    expect((await failure(vault.read('secret/bogus/x'))).response).toEqual({ statusCode: 404, body: { errors: ['1 error occurred:\n\t* unsupported path\n\n'] } });
    expect((await failure(vault.write('secret/data/app/db', { nodata: true }))).response.body).toEqual({ errors: ['no data provided'] });
  });
});

describe('vault emulator: mounts, health, faults', () => {
  let emulator: RunningVaultEmulator;
  let vault: NodeVault.client;

  beforeEach(async () => {
    emulator = await startVaultEmulator();
    vault = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: emulator.rootToken });
  });
  afterEach(() => emulator.close());

  it('starts like dev mode: a random root token and secret/ as KV v2', async () => {
    expect(emulator.rootToken).toMatch(/^hvs\.[A-Za-z0-9]{24}$/);
    const mounts = await vault.mounts();
    expect(Object.keys(mounts.data).sort()).toEqual(['cubbyhole/', 'identity/', 'secret/', 'sys/']);
    expect(mounts['secret/']).toEqual(mounts.data['secret/']);
    expect(mounts.data['secret/']).toMatchObject({ type: 'kv', options: { version: '2' }, accessor: expect.stringMatching(/^kv_[0-9a-f]{8}$/), running_plugin_version: 'v0.25.0+builtin' });
    expect(mounts.data['sys/']).toMatchObject({ type: 'system', accessor: expect.stringMatching(/^system_[0-9a-f]{8}$/) });
  });

  it('enables, reads, resolves and disables KV mounts', async () => {
    await vault.mount({ mount_point: 'team/apps', type: 'kv', options: { version: '2' }, description: 'apps' });
    await vault.mount({ mount_point: 'legacy', type: 'kv' });
    const one = await vault.read('sys/mounts/team/apps');
    expect(one.data).toMatchObject({ type: 'kv', options: { version: '2' }, description: 'apps' });
    const resolved = await vault.read('sys/internal/ui/mounts/team/apps/data/x');
    expect(resolved.data).toMatchObject({ path: 'team/apps/', type: 'kv', accessor: one.data.accessor, options: { version: '2' } });

    await vault.write('team/apps/data/web', { data: { k: 'v' } });
    expect((await vault.read('team/apps/data/web')).data.data).toEqual({ k: 'v' });
    await vault.write('legacy/web', { k: 'v1' });
    expect((await vault.read('legacy/web')).data).toEqual({ k: 'v1' });
    expect((await vault.list('legacy/')).data.keys).toEqual(['web']);

    expect((await failure(vault.mount({ mount_point: 'team', type: 'kv' }))).response.body).toEqual({ errors: ['path is already in use at team/apps/'] });
    expect((await failure(vault.mount({ mount_point: 'x', type: 'pki' }))).response.statusCode).toBe(400);

    await vault.unmount({ mount_point: 'team/apps' });
    expect((await failure(vault.read('team/apps/data/web'))).response).toEqual({ statusCode: 404, body: { errors: ['no handler for route "team/apps/data/web". route entry not found.'] } });
    expect((await failure(vault.read('sys/mounts/team/apps'))).response.statusCode).toBe(400);
  });

  it('answers sys/health without a token, in Vault shape', async () => {
    const health = await fetch(`${emulator.url}/v1/sys/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ initialized: true, sealed: false, standby: false, version: expect.stringMatching(/^\d+\.\d+\.\d+$/), cluster_id: expect.any(String), server_time_utc: expect.any(Number) });
    expect(await vault.health()).toMatchObject({ initialized: true, sealed: false });
  });

  it('serves injected faults and counts requests by operation', async () => {
    emulator.control.injectFault({ operation: 'create kv-v2/data', status: 503, count: 1 });
    const sealed = await failure(vault.write('secret/data/a', { data: { a: '1' } }));
    expect(sealed.response).toEqual({ statusCode: 503, body: { errors: ['Vault is sealed'] } });
    await vault.write('secret/data/a', { data: { a: '1' } });
    await vault.write('secret/data/a', { data: { a: '2' } });
    expect(emulator.control.requestCounts()).toMatchObject({ 'create kv-v2/data': 2, 'update kv-v2/data': 1 });

    emulator.control.setRateLimit({ limit: 1, windowMs: 60_000 });
    await vault.read('secret/data/a');
    const throttled = await failure(vault.read('secret/data/a'));
    expect(throttled.response.statusCode).toBe(429);
    emulator.control.reset();
    expect((await failure(vault.read('secret/data/a'))).response.statusCode).toBe(404);
  });
});
