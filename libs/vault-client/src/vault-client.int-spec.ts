import { ErrorCode } from '@vault-sync/domain';
import { createServer } from 'node:net';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { VaultClient } from './vault-client';
import { VaultClientOptionsInput } from './vault-client.options';

const ROOT = 'hvs.vault-client-int-root';

/** A local port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Seeds the emulator through its HTTP API with the root token (or `token`). */
async function vault(emulator: RunningVaultEmulator, method: string, path: string, body?: unknown, token = ROOT): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${emulator.url}/v1/${path}`, {
    method,
    headers: { 'X-Vault-Token': token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function tokenWithPolicy(emulator: RunningVaultEmulator, name: string, policy: string): Promise<string> {
  await vault(emulator, 'PUT', `sys/policies/acl/${name}`, { policy });
  const created = await vault(emulator, 'POST', 'auth/token/create', { policies: [name] });
  return (created.body as { auth: { client_token: string } }).auth.client_token;
}

describe('VaultClient against the Vault emulator', () => {
  let emulator: RunningVaultEmulator;
  const clients: VaultClient[] = [];

  const clientFor = (overrides: Partial<VaultClientOptionsInput> = {}, token = ROOT): VaultClient => {
    const client = VaultClient.create({ address: emulator.url, auth: { method: 'token', token }, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...overrides });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await emulator.close();
  });

  beforeEach(() => emulator.control.reset());

  describe('secrets', () => {
    beforeEach(async () => {
      await vault(emulator, 'POST', 'secret/data/app/db', { data: { username: 'app', password: 'v1' } });
      await vault(emulator, 'POST', 'secret/data/app/db', { data: { username: 'app', password: 'v2' } });
      await vault(emulator, 'POST', 'secret/data/app/db', { data: { username: 'app', password: 'v3', nested: { a: 1 } } });
      await vault(emulator, 'POST', 'secret/metadata/app/db', { custom_metadata: { owner: 'team-a' }, max_versions: 5 });
    });

    it('reads the latest version and a specific one, with their metadata', async () => {
      const client = clientFor();
      const latest = await client.readSecret('secret', 'app/db');
      expect(latest).toEqual({
        kind: 'found',
        data: { username: 'app', password: 'v3', nested: { a: 1 } },
        metadata: { version: 3, created_time: expect.any(String), deletion_time: '', destroyed: false, custom_metadata: { owner: 'team-a' } },
      });
      expect(await client.readSecret('secret', 'app/db', 1)).toMatchObject({ kind: 'found', data: { password: 'v1' }, metadata: { version: 1 } });
    });

    it('tells deleted, destroyed and never-existing versions apart without throwing', async () => {
      await vault(emulator, 'POST', 'secret/delete/app/db', { versions: [2] });
      await vault(emulator, 'POST', 'secret/destroy/app/db', { versions: [1] });
      const client = clientFor();
      expect(await client.readSecret('secret', 'app/db', 2)).toMatchObject({ kind: 'deleted', metadata: { version: 2, destroyed: false, deletion_time: expect.stringMatching(/^\d{4}-/) } });
      expect(await client.readSecret('secret', 'app/db', 1)).toMatchObject({ kind: 'destroyed', metadata: { version: 1, destroyed: true } });
      expect(await client.readSecret('secret', 'app/nothing')).toEqual({ kind: 'absent' });
      await vault(emulator, 'DELETE', 'secret/data/app/db');
      expect(await client.readSecret('secret', 'app/db')).toMatchObject({ kind: 'deleted', metadata: { version: 3 } });
    });

    it('reads metadata with every version, or absent', async () => {
      await vault(emulator, 'POST', 'secret/destroy/app/db', { versions: [1] });
      const client = clientFor();
      const read = await client.readMetadata('secret', 'app/db');
      expect(read).toEqual({
        kind: 'found',
        metadata: expect.objectContaining({ current_version: 3, oldest_version: 0, max_versions: 5, cas_required: false, delete_version_after: '0s', custom_metadata: { owner: 'team-a' } }),
      });
      if (read.kind !== 'found') throw new Error('unreachable');
      expect(Object.keys(read.metadata.versions)).toEqual(['1', '2', '3']);
      expect(read.metadata.versions['1']).toMatchObject({ destroyed: true });
      expect(await client.readMetadata('secret', 'app/nothing')).toEqual({ kind: 'absent' });
    });

    it('lists folders and treats an empty or missing folder as no keys', async () => {
      await vault(emulator, 'POST', 'secret/data/top', { data: { k: 'v' } });
      const client = clientFor();
      expect((await client.listSecrets('secret')).sort()).toEqual(['app/', 'top']);
      expect(await client.listSecrets('secret', 'app')).toEqual(['db']);
      expect(await client.listSecrets('secret', 'app/missing/')).toEqual([]);
    });

    it('reads top-level keys without values through subkeys', async () => {
      const client = clientFor();
      expect(await client.subkeys('secret', 'app/db', { depth: 1 })).toMatchObject({ kind: 'found', subkeys: { username: null, password: null, nested: null }, metadata: { version: 3 } });
      expect(await client.subkeys('secret', 'app/nothing')).toEqual({ kind: 'absent' });
    });

    it('addresses secret paths with characters that are special in URLs', async () => {
      await vault(emulator, 'POST', `secret/data/${encodeURIComponent('odd name?#%')}`, { data: { k: 'v' } });
      expect(await clientFor().readSecret('secret', 'odd name?#%')).toMatchObject({ kind: 'found', data: { k: 'v' } });
    });

    it('throws mount_not_found for a mount that does not exist', async () => {
      await expect(clientFor().readSecret('nope', 'app/db')).rejects.toMatchObject({ code: ErrorCode.MountNotFound, retryable: false });
      await expect(clientFor().listSecrets('nope')).rejects.toMatchObject({ code: ErrorCode.MountNotFound });
    });

    it('throws a non-retryable vault_permission_denied when the token may not read', async () => {
      const token = await tokenWithPolicy(emulator, 'other', 'path "secret/data/other/*" { capabilities = ["read"] }');
      await expect(clientFor({}, token).readSecret('secret', 'app/db')).rejects.toMatchObject({ code: ErrorCode.VaultPermissionDenied, retryable: false, statusCode: 403 });
    });
  });

  describe('mounts', () => {
    beforeEach(async () => {
      await vault(emulator, 'POST', 'sys/mounts/team/kv', { type: 'kv', options: { version: '2' } });
      await vault(emulator, 'POST', 'sys/mounts/legacy', { type: 'kv', options: { version: '1' } });
    });

    it('lists mounts with accessor, type and KV version', async () => {
      const mounts = await clientFor().listMounts();
      expect(mounts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'secret/', type: 'kv', isKvV2: true, accessor: expect.stringMatching(/^kv_/) }),
          expect.objectContaining({ path: 'team/kv/', isKvV2: true }),
          expect.objectContaining({ path: 'legacy/', type: 'kv', isKvV2: false }),
        ]),
      );
    });

    it('resolves a path to its mount and an accessor back to the mount', async () => {
      const client = clientFor();
      const mount = await client.resolveMount('team/kv/app/db');
      expect(mount).toMatchObject({ path: 'team/kv/', isKvV2: true });
      expect(await client.mountByAccessor(mount.accessor)).toEqual(mount);
      await expect(client.mountByAccessor('kv_00000000')).rejects.toMatchObject({ code: ErrorCode.MountNotFound });
      await expect(client.resolveMount('nowhere/app')).rejects.toMatchObject({ code: ErrorCode.MountNotFound });
    });

    it('sees a mount created after the table was cached, and one remounted away', async () => {
      const client = clientFor();
      await client.listMounts();
      await vault(emulator, 'POST', 'sys/mounts/fresh', { type: 'kv', options: { version: '2' } });
      const fresh = await client.resolveMount('fresh/x');
      expect(fresh.path).toBe('fresh/');
      await vault(emulator, 'DELETE', 'sys/mounts/fresh');
      await expect(clientFor({ mountCacheTtlMs: 0 }).mountByAccessor(fresh.accessor)).rejects.toMatchObject({ code: ErrorCode.MountNotFound });
    });

    it('resolves a mount through sys/internal/ui/mounts when the token may not read sys/mounts', async () => {
      const token = await tokenWithPolicy(emulator, 'reader', 'path "team/kv/data/*" { capabilities = ["read"] }');
      expect(await clientFor({}, token).resolveMount('team/kv/app/db')).toMatchObject({ path: 'team/kv/', isKvV2: true });
    });
  });

  describe('capabilities-self', () => {
    it('answers with the caller\'s capabilities, not ours', async () => {
      const caller = await tokenWithPolicy(emulator, 'caller', 'path "secret/data/app/*" { capabilities = ["read", "list"] }');
      const answer = await clientFor().capabilitiesSelf(caller, ['secret/data/app/db', 'secret/data/other']);
      expect(answer).toEqual({ 'secret/data/app/db': ['list', 'read'], 'secret/data/other': ['deny'] });
      expect(await clientFor().capabilitiesSelf(ROOT, ['secret/data/x'])).toEqual({ 'secret/data/x': ['root'] });
    });

    it('reports an invalid caller token as permission denied', async () => {
      await expect(clientFor().capabilitiesSelf('hvs.not-a-token', ['secret/data/x'])).rejects.toMatchObject({ code: ErrorCode.VaultPermissionDenied });
    });
  });

  describe('transient failures', () => {
    beforeEach(async () => {
      await vault(emulator, 'POST', 'secret/data/app/db', { data: { password: 'v1' } });
    });

    it('retries 5xx answers and succeeds', async () => {
      emulator.control.injectFault({ operation: 'read kv-v2/data', status: 503, count: 2 });
      expect(await clientFor().readSecret('secret', 'app/db')).toMatchObject({ kind: 'found' });
      expect(emulator.control.requestCounts()['read kv-v2/data']).toBe(3);
    });

    it('gives up after the configured attempts with a retryable vault_unavailable', async () => {
      emulator.control.injectFault({ operation: 'read kv-v2/data', status: 500 });
      await expect(clientFor({ retry: { maxAttempts: 2, baseDelayMs: 1 } }).readSecret('secret', 'app/db')).rejects.toMatchObject({
        code: ErrorCode.VaultUnavailable,
        retryable: true,
        statusCode: 500,
      });
      expect(emulator.control.requestCounts()['read kv-v2/data']).toBe(2);
    });

    it('times out a slow answer and retries it', async () => {
      emulator.control.injectFault({ operation: 'read kv-v2/data', latencyMs: 500, count: 1 });
      expect(await clientFor({ requestTimeoutMs: 100 }).readSecret('secret', 'app/db')).toMatchObject({ kind: 'found' });
      expect(emulator.control.requestCounts()['read kv-v2/data']).toBe(2);
    });

    it('retries a reset connection', async () => {
      emulator.control.injectFault({ operation: 'read kv-v2/data', connectionReset: true, count: 1 });
      expect(await clientFor().readSecret('secret', 'app/db')).toMatchObject({ kind: 'found' });
      expect(emulator.control.requestCounts()['read kv-v2/data']).toBe(2);
    });

    it('reports a Vault nobody listens on as unavailable', async () => {
      const client = VaultClient.create({ address: `http://127.0.0.1:${await closedPort()}`, auth: { method: 'token', token: ROOT }, retry: { maxAttempts: 2, baseDelayMs: 1 } });
      const err = await client.readSecret('secret', 'app/db').then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({ code: ErrorCode.VaultUnavailable, retryable: true, message: 'Vault unreachable for GET secret/data/app/db: ECONNREFUSED' });
      expect((err as Error).message).not.toContain(ROOT);
    });
  });
});
