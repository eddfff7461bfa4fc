import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import NodeVault from 'node-vault';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { ChangeDeduplicator } from '../dedupe/change-deduplicator';
import { ObservedChange } from '../entry/observed-change';
import { AuditFileFeed } from './audit-file-feed';
import { AuditSocketFeed } from './audit-socket-feed';
import { recorder, waitUntil } from './feed-test-helpers';

const ROOT = 'hvs.change-capture-root';

/**
 * End to end against the Vault emulator's audit devices, which write Vault's entry format: proves the parser
 * and the feeds understand what a real device sends, over a socket and through a file at once.
 */
describe('audit feeds fed by the Vault emulator', () => {
  let emulator: RunningVaultEmulator;
  let vault: NodeVault.client;
  let socketFeed: AuditSocketFeed;
  let fileFeed: AuditFileFeed;
  let directory: string;
  let rec: ReturnType<typeof recorder>;
  let forwarded: ObservedChange[];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'change-capture-e2e-'));
    emulator = await startVaultEmulator({ rootToken: ROOT });
    vault = NodeVault({ apiVersion: 'v1', endpoint: emulator.url, token: ROOT });
    rec = recorder();
    forwarded = [];
    const onChange = new ChangeDeduplicator().forwardOnce((change) => void forwarded.push(change));
    socketFeed = await AuditSocketFeed.start({ host: '127.0.0.1', port: 0, logger: rec.logger, onChange });
    const auditLog = join(directory, 'audit.log');
    fileFeed = await AuditFileFeed.start({ path: auditLog, pollIntervalMs: 20, logger: rec.logger, onChange });
    await vault.enableAudit({ name: 'file', type: 'file', options: { file_path: auditLog } });
    await vault.enableAudit({ name: 'vault-sync', type: 'socket', options: { address: `127.0.0.1:${socketFeed.address.port}`, socket_type: 'tcp', write_timeout: '1s' } });
  });
  afterEach(async () => {
    await emulator.close();
    await socketFeed.close();
    await fileFeed.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('reports a KV v2 write, soft delete, destroy and metadata delete once each, with the mount accessor', async () => {
    const accessor = (await vault.mounts()).data['secret/'].accessor as string;
    const written = await vault.write('secret/data/app/db', { data: { password: 'correct-horse-battery-staple' } });
    await vault.read('secret/data/app/db');
    await vault.delete('secret/data/app/db');
    await vault.write('secret/destroy/app/db', { versions: [1] });
    await vault.delete('secret/metadata/app/db');

    await waitUntil(() => socketFeed.counters().changes >= 4 && fileFeed.counters().changes >= 4);
    const secretChanges = forwarded.filter((change) => change.kind === 'secret');
    expect(secretChanges.map((change) => change.operation)).toEqual(['write', 'delete', 'destroy', 'metadata-delete']);
    expect(secretChanges[0]).toEqual({
      kind: 'secret',
      mountAccessor: accessor,
      mountPath: 'secret/',
      secretPath: 'app/db',
      operation: 'write',
      observedVersion: 1,
      requestId: written.request_id,
      time: expect.any(String),
    });
    for (const change of secretChanges) expect(change).toMatchObject({ mountAccessor: accessor, secretPath: 'app/db' });
    expect(JSON.stringify(forwarded)).not.toContain('correct-horse');
    expect(JSON.stringify(rec.logs)).not.toContain('hmac-sha256');
  });

  it('reports a mount being disabled', async () => {
    await vault.mount({ mount_point: 'team/kv', type: 'kv', options: { version: '2' } });
    await vault.unmount({ mount_point: 'team/kv' });
    await waitUntil(() => forwarded.some((change) => change.kind === 'mount' && change.operation === 'mount-disable'));
    expect(forwarded.filter((change) => change.kind === 'mount')).toEqual([
      expect.objectContaining({ operation: 'mount-enable', target: 'team/kv/' }),
      expect.objectContaining({ operation: 'mount-disable', target: 'team/kv/' }),
    ]);
  });
});
