import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NodeVault from 'node-vault';
import { AuditReceiver, hmacWithSalt, ReceivedEntry, RunningVaultEmulator, startVaultEmulator } from './index';

const ROOT = 'hvs.audit-test-root';
const PASSWORD = 'correct-horse-battery-staple';

interface VaultFailure {
  message: string;
  response: { statusCode: number; body: { errors?: string[] } };
}

async function failure(promise: Promise<unknown>): Promise<VaultFailure> {
  try {
    await promise;
  } catch (err) {
    return err as VaultFailure;
  }
  throw new Error('expected the call to fail');
}

const isFor = (type: string, path: string, operation?: string) => (entry: ReceivedEntry) =>
  entry.type === type && entry.request?.['path'] === path && (operation === undefined || entry.request?.['operation'] === operation);

describe('vault emulator: audit devices', () => {
  let emulator: RunningVaultEmulator;
  let vault: NodeVault.client;
  let receiver: AuditReceiver;
  let directory: string;

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    vault = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });
    receiver = await AuditReceiver.start();
    directory = await mkdtemp(join(tmpdir(), 'vault-audit-'));
  });
  afterEach(async () => {
    await emulator.close();
    await receiver.stop();
    await rm(directory, { recursive: true, force: true });
  });

  const enableSocket = (name = 'sock', options: Record<string, string> = {}) =>
    vault.enableAudit({ name, type: 'socket', options: { address: receiver.address, socket_type: 'tcp', write_timeout: '1s', ...options } });
  const enableFile = (name = 'file', file = join(directory, 'audit.log')) => vault.enableAudit({ name, type: 'file', options: { file_path: file } });
  const fileEntries = async (file = join(directory, 'audit.log')) =>
    (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ReceivedEntry);

  it('probes the receiver on enable, then logs the enable response itself', async () => {
    await enableSocket();
    expect(receiver.entries[0]).toEqual({ time: expect.any(String), request: { id: expect.any(String), namespace: { id: 'root' }, operation: 'update', path: 'sys/audit/test' }, type: 'request' });
    const enabled = await receiver.waitFor(isFor('response', 'sys/audit/sock'));
    expect(enabled.request).toMatchObject({ operation: 'update', mount_type: 'system', mount_point: 'sys/' });
    expect((await vault.audits())['sock/']).toEqual({ type: 'socket', description: '', options: expect.objectContaining({ address: receiver.address }), local: false, path: 'sock/' });
  });

  it('sends request and response entries for a KV write in Vault format, values HMACed with the device salt', async () => {
    await enableSocket();
    const written = await vault.write('secret/data/app/db', { data: { username: 'app', password: PASSWORD } });
    const response = await receiver.waitFor(isFor('response', 'secret/data/app/db'));
    const request = await receiver.waitFor(isFor('request', 'secret/data/app/db'));
    const hash = (value: string) => emulator.auditHash('sock', value);
    const accessor = (await vault.mounts()).data['secret/'].accessor;

    expect(receiver.entries.indexOf(request)).toBeLessThan(receiver.entries.indexOf(response));
    expect(request.request).toEqual(response.request);
    expect(request.request).toMatchObject({
      id: written.request_id,
      operation: 'create',
      path: 'secret/data/app/db',
      mount_point: 'secret/',
      mount_type: 'kv',
      mount_class: 'secret',
      mount_accessor: accessor,
      mount_running_version: 'v0.25.0+builtin',
      namespace: { id: 'root' },
      client_token: hash(ROOT),
      remote_address: '127.0.0.1',
      remote_port: expect.any(Number),
      request_uri: '/v1/secret/data/app/db',
      data: { data: { username: hash('app'), password: hash(PASSWORD) } },
    });
    expect(request.auth).toMatchObject({ client_token: hash(ROOT), display_name: 'root', policies: ['root'], token_policies: ['root'], policy_results: { allowed: true, granting_policies: [{ name: 'root', namespace_id: 'root', type: 'acl' }] }, token_type: 'service' });
    expect(response.response).toEqual({
      data: { created_time: hash(written.data.created_time), custom_metadata: null, deletion_time: hash(''), destroyed: false, version: 1 },
      mount_accessor: accessor,
      mount_class: 'secret',
      mount_point: 'secret/',
      mount_running_plugin_version: 'v0.25.0+builtin',
      mount_type: 'kv',
    });
    expect(response.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
    // The raw lines: one JSON object each, time first and type last, no secret or token in clear.
    const lines = receiver.lines.filter((line) => line.includes('"path":"secret/data/app/db"'));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^\{"time":"[^"]+","auth":\{.*,"type":"(request|response)"\}$/);
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(ROOT);
    }
    expect(hash(PASSWORD)).toBe(hmacWithSalt((emulator.control.state() as { auditDevices: Record<string, { salt: string }> }).auditDevices['sock/'].salt, PASSWORD));
  });

  it('reports update, patch and delete operations, and omits the response block for 204 answers', async () => {
    await enableSocket();
    await vault.write('secret/data/app/db', { data: { password: 'a' } });
    await vault.write('secret/data/app/db', { data: { password: 'b' } });
    await vault.update('secret/data/app/db', { data: { extra: 'c' } });
    await vault.delete('secret/data/app/db');
    await vault.write('secret/destroy/app/db', { versions: [1] });
    await receiver.waitFor(isFor('response', 'secret/destroy/app/db'));
    const operations = receiver.entries.filter((entry) => entry.type === 'response' && String(entry.request?.['path']).startsWith('secret/')).map((entry) => entry.request?.['operation']);
    expect(operations).toEqual(['create', 'update', 'patch', 'delete', 'update']);
    const deleted = await receiver.waitFor(isFor('response', 'secret/data/app/db', 'delete'));
    expect(deleted).not.toHaveProperty('response');
    expect(deleted).not.toHaveProperty('error');
    expect(receiver.entries.find(isFor('response', 'secret/data/app/db', 'patch'))?.response?.['data']).toMatchObject({ version: 3 });
  });

  it('logs failures: a CAS refusal with the generic error, a denied request with a request entry only', async () => {
    await enableSocket();
    await vault.write('secret/data/app/db', { data: { a: '1' } });
    await failure(vault.write('secret/data/app/db', { data: { a: '2' }, options: { cas: 7 } }));
    const casFailure = await receiver.waitFor((entry) => isFor('response', 'secret/data/app/db')(entry) && entry.error !== undefined);
    expect(casFailure.error).toBe('1 error occurred:\n\t* invalid request\n\n');
    expect(casFailure.response?.['data']).toEqual({ error: emulator.auditHash('sock', 'check-and-set parameter did not match the current version') });

    await vault.write('sys/policies/acl/none', { policy: 'path "nothing" { capabilities = ["read"] }' });
    const created = await NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT }).tokenCreate({ policies: ['none'] });
    const limited = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: created.auth.client_token });
    await failure(limited.read('secret/data/app/db'));
    const denied = await receiver.waitFor((entry) => isFor('request', 'secret/data/app/db', 'read')(entry) && entry.error === 'permission denied');
    expect(denied.auth).toMatchObject({ policies: ['default', 'none'], policy_results: { allowed: false } });
    await vault.read('sys/mounts');
    await receiver.waitFor(isFor('response', 'sys/mounts'));
    expect(receiver.entries.filter((entry) => entry.request?.['id'] === denied.request?.['id'])).toHaveLength(1);
  });

  it('honours hmac_accessor=false, log_raw and elide_list_responses per device', async () => {
    await enableSocket('sock', { hmac_accessor: 'false', elide_list_responses: 'true' });
    const raw = await AuditReceiver.start();
    try {
      await vault.enableAudit({ name: 'raw', type: 'socket', options: { address: raw.address, log_raw: 'true' } });
      await vault.write('secret/data/app/db', { data: { password: PASSWORD } });
      await vault.list('secret/metadata/');
      const accessor = (await vault.tokenLookupSelf()).data.accessor;
      const listed = await receiver.waitFor(isFor('response', 'secret/metadata/', 'list'));
      expect(listed.auth?.['accessor']).toBe(accessor);
      expect(listed.request?.['client_token_accessor']).toBe(accessor);
      expect(listed.response?.['data']).toEqual({ keys: 1 });
      const rawWrite = await raw.waitFor(isFor('request', 'secret/data/app/db'));
      expect(rawWrite.request?.['data']).toEqual({ data: { password: PASSWORD } });
      expect(rawWrite.request?.['client_token']).toBe(ROOT);
      expect((await raw.waitFor(isFor('response', 'secret/metadata/', 'list'))).response?.['data']).toEqual({ keys: ['app/'] });
    } finally {
      await raw.stop();
    }
  });

  it('answers sys/audit-hash with the device salt; each device has its own', async () => {
    await enableSocket();
    await enableFile();
    const socketHash = await vault.write('sys/audit-hash/sock', { input: PASSWORD });
    const fileHash = await vault.write('sys/audit-hash/file', { input: PASSWORD });
    expect(socketHash.data.hash).toBe(emulator.auditHash('sock', PASSWORD));
    expect(fileHash.data.hash).not.toBe(socketHash.data.hash);
  });

  it('appends the same entries to a file device, with its own salt', async () => {
    await enableFile();
    await vault.write('secret/data/app/db', { data: { password: PASSWORD } });
    await vault.delete('secret/data/app/db');
    const entries = await fileEntries();
    expect(entries[0].request).toEqual({ id: expect.any(String), namespace: { id: 'root' }, operation: 'update', path: 'sys/audit/test' });
    const write = entries.find(isFor('response', 'secret/data/app/db', 'create'));
    expect(write?.request?.['data']).toEqual({ data: { password: emulator.auditHash('file', PASSWORD) } });
    expect(entries.filter((entry) => entry.request?.['path'] === 'secret/data/app/db').map((entry) => `${entry.type} ${entry.request?.['operation']}`)).toEqual([
      'request create',
      'response create',
      'request delete',
      'response delete',
    ]);
    expect(await readFile(join(directory, 'audit.log'), 'utf8')).not.toContain(PASSWORD);

    await vault.disableAudit({ name: 'file' });
    await vault.write('secret/data/after', { data: { a: '1' } });
    const disabled = await fileEntries();
    expect(disabled.find(isFor('request', 'sys/audit/file', 'delete'))).toBeDefined();
    expect(disabled.find(isFor('request', 'secret/data/after'))).toBeUndefined();
  });

  it('refuses to enable a socket device whose receiver is down; skip_test enables it anyway', async () => {
    await receiver.stop();
    const refused = await failure(enableSocket());
    expect(refused.response.statusCode).toBe(400);
    expect(refused.message).toMatch(/^audit backend failed test message: .*ECONNREFUSED/);
    expect(await vault.audits()).not.toHaveProperty('sock/');
    // Enabled without the probe; the enable's own response entry then has nowhere to go (spec §1.4).
    expect((await failure(enableSocket('sock', { skip_test: 'true' }))).response).toEqual({ statusCode: 500, body: { errors: ['internal error'] } });
    await receiver.listen();
    expect((await vault.audits()).data).toHaveProperty(['sock/']);
  });

  it('fails every request with 500 while the only device cannot write, without executing it, and recovers on reconnect', async () => {
    await enableSocket();
    await receiver.stop();
    const refused = await failure(vault.write('secret/data/app/db', { data: { a: '1' } }));
    expect(refused.response).toEqual({ statusCode: 500, body: { errors: ['internal error'] } });
    expect((emulator.control.state() as { mounts: Record<string, { secrets: object }> }).mounts['secret/'].secrets).toEqual({});
    expect((await failure(vault.read('sys/mounts'))).response.statusCode).toBe(500);

    await receiver.listen();
    await vault.write('secret/data/app/db', { data: { a: '1' } });
    await receiver.waitFor(isFor('response', 'secret/data/app/db'));
    expect(receiver.connections).toBe(2);
  });

  it('keeps serving through a file device while the socket receiver is down', async () => {
    await enableFile();
    await enableSocket();
    await receiver.stop();
    expect((await vault.write('secret/data/app/db', { data: { a: '1' } })).data.version).toBe(1);
    expect((await fileEntries()).filter((entry) => entry.request?.['path'] === 'secret/data/app/db')).toHaveLength(2);
  });

  it('reconnects and retries the entry once when the receiver dropped the connection', async () => {
    await enableSocket();
    receiver.dropConnections();
    await vault.write('secret/data/app/db', { data: { a: '1' } });
    await receiver.waitFor(isFor('response', 'secret/data/app/db'));
    expect(receiver.connections).toBe(2);
    expect(receiver.entries.filter((entry) => entry.request?.['path'] === 'secret/data/app/db')).toHaveLength(2);
  });

  it('holds a request for the write timeout, then fails it, while the receiver does not read', async () => {
    await enableSocket('sock', { write_timeout: '300ms' });
    receiver.stopReading();
    // Keys are not HMACed, so a long key name makes an entry larger than the loopback socket buffers.
    const bigKey = 'k'.repeat(24 * 1024 * 1024);
    const started = Date.now();
    const stalled = await failure(vault.write('secret/data/big', { data: { [bigKey]: 'v' } }));
    expect(stalled.response).toEqual({ statusCode: 500, body: { errors: ['internal error'] } });
    // One write deadline, a fresh dial, one more write deadline (spec §1.4: ≈ 2-3 × write_timeout).
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(receiver.connections).toBe(2);
  });
});
