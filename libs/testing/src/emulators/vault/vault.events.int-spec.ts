import NodeVault from 'node-vault';
import { WebSocket } from 'ws';
import { RunningVaultEmulator, startVaultEmulator } from './index';

const ROOT = 'hvs.events-test-root';

interface Envelope {
  id: string;
  specversion: string;
  type: string;
  datacontentype: string;
  time: string;
  data: { event: { id: string; metadata: Record<string, string> }; event_type: string; plugin_info: Record<string, string> };
}

/** A subscription that records every frame; resolves once the websocket is open, rejects with the refusal status. */
function subscribe(emulator: RunningVaultEmulator, pattern: string, token: string, query = '?json=true') {
  const url = `${emulator.url.replace(/^http/, 'ws')}/v1/sys/events/subscribe/${pattern}${query}`;
  const socket = new WebSocket(url, { headers: { 'X-Vault-Token': token } });
  const received: Envelope[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as Envelope));
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`status ${response.statusCode}`)));
    socket.once('error', reject);
  });
  return { socket, received, opened };
}

async function waitUntil(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('vault emulator: event subscriptions over websocket', () => {
  let emulator: RunningVaultEmulator;
  let root: NodeVault.client;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    root = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });
  });
  afterEach(async () => {
    sockets.forEach((socket) => socket.terminate());
    await emulator.close();
  });

  it('sends one CloudEvents envelope per KV v2 change, with string metadata prefixed by the mount path', async () => {
    const sub = subscribe(emulator, 'kv-v2/*', ROOT);
    sockets.push(sub.socket);
    await sub.opened;
    const accessor = (await root.mounts()).data['secret/'].accessor as string;
    await root.write('secret/data/app/db', { data: { password: 'hunter2' } });
    await root.write('secret/data/app/db', { data: { password: 'hunter3' } });
    await root.delete('secret/data/app/db');
    await root.write('secret/undelete/app/db', { versions: [2] });
    await root.write('secret/destroy/app/db', { versions: [1, 2] });
    await root.delete('secret/metadata/app/db');
    await root.read('secret/config'); // reads raise no event
    await waitUntil(() => sub.received.length === 6);

    const [first] = sub.received;
    expect(first).toEqual({
      id: expect.any(String),
      source: expect.stringMatching(/^vault:\/\//),
      specversion: '1.0',
      type: '*',
      datacontentype: 'application/cloudevents',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        event: {
          id: first.id,
          metadata: { path: 'secret/data/app/db', data_path: 'secret/data/app/db', operation: 'data-write', modified: 'true', current_version: '1', oldest_version: '0' },
        },
        event_type: 'kv-v2/data-write',
        plugin_info: { mount_class: 'secret', mount_accessor: accessor, mount_path: 'secret/', plugin: 'kv', plugin_version: expect.any(String), version: '2' },
      },
    });
    expect(sub.received.map((envelope) => [envelope.data.event_type, envelope.data.event.metadata])).toEqual([
      ['kv-v2/data-write', expect.objectContaining({ current_version: '1' })],
      ['kv-v2/data-write', expect.objectContaining({ current_version: '2' })],
      ['kv-v2/data-delete', { path: 'secret/data/app/db', operation: 'data-delete', modified: 'true', current_version: '2', oldest_version: '0' }],
      ['kv-v2/undelete', expect.objectContaining({ path: 'secret/undelete/app/db', data_path: 'secret/data/app/db', undeleted_versions: '[2]' })],
      ['kv-v2/destroy', expect.objectContaining({ path: 'secret/destroy/app/db', destroyed_versions: '[1,2]' })],
      ['kv-v2/metadata-delete', { path: 'secret/metadata/app/db', operation: 'metadata-delete', modified: 'true' }],
    ]);
    expect(new Set(sub.received.map((envelope) => envelope.id)).size).toBe(6);
    expect(JSON.stringify(sub.received)).not.toContain('hunter');
  });

  it('matches the event type pattern', async () => {
    const sub = subscribe(emulator, 'kv-v2/data-*', ROOT);
    sockets.push(sub.socket);
    await sub.opened;
    await root.write('secret/metadata/app', { max_versions: 3 });
    await root.write('secret/data/app', { data: { a: '1' } });
    await waitUntil(() => sub.received.length === 1);
    expect(sub.received[0].data.event_type).toBe('kv-v2/data-write');
  });

  it('refuses a missing or unknown token, a token without read on the subscribe path, and non-json subscriptions', async () => {
    await root.addPolicy({ name: 'reader', rules: 'path "secret/*" { capabilities = ["read"] }' });
    const reader = (await NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT }).tokenCreate({ policies: ['reader'] })).auth.client_token as string;
    await expect(subscribe(emulator, 'kv-v2/*', 'hvs.nope').opened).rejects.toThrow('status 403');
    await expect(subscribe(emulator, 'kv-v2/*', reader).opened).rejects.toThrow('status 403');
    await expect(subscribe(emulator, 'kv-v2/*', ROOT, '').opened).rejects.toThrow('status 400');
    await expect(subscribe(emulator, '', ROOT).opened).rejects.toThrow('status 400');
  });

  it('gives a non-root subscriber only events with a data path it may subscribe to', async () => {
    await root.addPolicy({
      name: 'subscriber',
      rules: 'path "sys/events/subscribe/*" { capabilities = ["read"] }\npath "secret/data/app/*" { capabilities = ["read", "subscribe"] }',
    });
    const token = (await NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT }).tokenCreate({ policies: ['subscriber'] })).auth.client_token as string;
    const sub = subscribe(emulator, '*', token);
    sockets.push(sub.socket);
    await sub.opened;
    await root.write('secret/data/other', { data: { a: '1' } });
    await root.write('secret/data/app/db', { data: { a: '1' } });
    await root.delete('secret/data/app/db');
    await root.write('secret/data/app/db', { data: { a: '2' } });
    await waitUntil(() => sub.received.length === 2);
    expect(sub.received.map((envelope) => [envelope.data.event_type, envelope.data.event.metadata['current_version']])).toEqual([
      ['kv-v2/data-write', '1'],
      ['kv-v2/data-write', '2'],
    ]);
  });

  it('drops subscriptions on request, as a restarted node would', async () => {
    const sub = subscribe(emulator, 'kv-v2/*', ROOT);
    sockets.push(sub.socket);
    await sub.opened;
    const closed = new Promise<void>((resolve) => sub.socket.once('close', () => resolve()));
    expect(emulator.dropEventSubscribers()).toBe(1);
    await closed;
  });
});
