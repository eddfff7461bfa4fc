import { AddressInfo } from 'node:net';
import NodeVault from 'node-vault';
import { WebSocketServer } from 'ws';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { recorder, waitUntil } from './feed-test-helpers';
import { VaultEventsFeed, VaultEventsFeedOptions } from './vault-events-feed';

const ROOT = 'hvs.events-feed-root';

describe('VaultEventsFeed', () => {
  let feed: VaultEventsFeed | undefined;
  let rec: ReturnType<typeof recorder>;

  const start = (options: Partial<VaultEventsFeedOptions> & Pick<VaultEventsFeedOptions, 'address'>) => {
    feed = VaultEventsFeed.start({ token: () => ROOT, logger: rec.logger, onChange: rec.onChange, onGap: rec.onGap, reconnectDelayMs: 20, ...options });
    return feed;
  };

  beforeEach(() => {
    rec = recorder();
  });

  afterEach(async () => {
    await feed?.close();
    feed = undefined;
  });

  describe('against the Vault emulator', () => {
    let emulator: RunningVaultEmulator;
    let vault: NodeVault.client;

    beforeEach(async () => {
      emulator = await startVaultEmulator({ rootToken: ROOT });
      vault = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });
    });

    afterEach(async () => {
      await feed?.close();
      await emulator.close();
    });

    it('reports KV v2 writes, deletes and destroys as observed secret changes', async () => {
      const subscribed = start({ address: emulator.url });
      await waitUntil(() => subscribed.isConnected());
      const accessor = (await vault.mounts()).data['secret/'].accessor as string;
      await vault.write('secret/data/app/db', { data: { password: 'correct-horse-battery-staple' } });
      await vault.delete('secret/data/app/db');
      await vault.write('secret/undelete/app/db', { versions: [1] });
      await vault.write('secret/destroy/app/db', { versions: [1] });
      await vault.write('secret/metadata/app/db', { max_versions: 5 });
      await vault.delete('secret/metadata/app/db');
      await vault.write('secret/config', { max_versions: 7 });
      await waitUntil(() => rec.changes.length === 6);

      expect(rec.changes[0]).toEqual({
        kind: 'secret',
        mountAccessor: accessor,
        mountPath: 'secret/',
        secretPath: 'app/db',
        operation: 'write',
        observedVersion: 1,
        requestId: expect.any(String),
        time: expect.any(String),
      });
      expect(rec.changes.map((change) => (change.kind === 'secret' ? [change.operation, change.secretPath, change.versions] : change.kind))).toEqual([
        ['write', 'app/db', undefined],
        ['delete', 'app/db', undefined],
        ['undelete', 'app/db', [1]],
        ['destroy', 'app/db', [1]],
        ['metadata-write', 'app/db', undefined],
        ['metadata-delete', 'app/db', undefined],
      ]);
      expect(subscribed.counters()).toMatchObject({ connections: 1, entries: 7, changes: 6, malformed: 0, dropped: 0 });
      expect(JSON.stringify(rec.changes)).not.toContain('correct-horse');
    });

    it('reconnects after Vault drops the subscription, reporting the gap', async () => {
      const subscribed = start({ address: emulator.url });
      await waitUntil(() => subscribed.isConnected());
      expect(emulator.dropEventSubscribers()).toBe(1);
      await waitUntil(() => subscribed.counters().connections === 2);
      await vault.write('secret/data/after-reconnect', { data: { a: '1' } });
      await waitUntil(() => rec.changes.length === 1);
      expect(rec.changes[0]).toMatchObject({ secretPath: 'after-reconnect', operation: 'write' });
      expect(rec.gaps).toEqual(['connection-opened', 'connection-opened']);
    });

    it('keeps retrying a refused subscription, logging the refusal once', async () => {
      const refused = start({ address: emulator.url, token: () => 'hvs.not-a-token' });
      await waitUntil(() => rec.logs.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 200)); // several attempts at a 20 ms base delay
      expect(refused.isConnected()).toBe(false);
      expect(rec.logs).toEqual([{ level: 'warn', details: { feed: 'vault-events', status: 403 }, message: 'event subscription refused' }]);
    });
  });

  it('counts malformed frames without logging their bodies, and carries on', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      socket.send('{"leaked-secret": "s3cr3t-value"');
      socket.send(Buffer.from([0xde, 0xad]), { binary: true });
      socket.send(
        JSON.stringify({
          id: 'event-1',
          time: '2025-05-02T09:14:03Z',
          data: { event: { metadata: { path: 'kv/data/x', current_version: '3' } }, event_type: 'kv-v2/data-write', plugin_info: { mount_accessor: 'kv_1', mount_path: 'kv/' } },
        }),
      );
    });
    try {
      const subscribed = start({ address: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      await waitUntil(() => rec.changes.length === 1);
      expect(rec.changes[0]).toMatchObject({ mountAccessor: 'kv_1', secretPath: 'x', observedVersion: 3, requestId: 'event-1' });
      expect(subscribed.counters()).toMatchObject({ entries: 3, malformed: 2, changes: 1 });
      expect(rec.gaps).toEqual(['connection-opened', 'malformed-line', 'malformed-line']);
      expect(rec.logs.filter((log) => log.level === 'warn')).toHaveLength(1);
      expect(JSON.stringify(rec.logs)).not.toContain('s3cr3t');
    } finally {
      await feed?.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
