import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DestinationRef } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { Harness, kvClient, startHarness, waitUntil } from './testing/ingest-harness';

const ROOT = 'hvs.ingest-malformed-root';
const MARKER = 'ECHO-MARKER-9c1f';
const gh: DestinationRef = { type: 'gh', name: 'ci' };

/** Bytes no audit device would send, each carrying the marker that must never reach a log line. */
function garbage(): Buffer[] {
  const binary = Buffer.concat([randomBytes(4096).map((byte) => (byte === 0x0a ? 0x00 : byte)), Buffer.from(`${MARKER}\n`)]);
  const tenMegabytes = Buffer.concat([Buffer.from(`{"type":"response","request":{"path":"${MARKER}`), Buffer.alloc(10 * 1024 * 1024, 0x61), Buffer.from('\n')]);
  const truncatedJson = Buffer.from(`{"time":"2025-01-01T00:00:00Z","type":"response","request":{"id":"${MARKER}","operation":"update",\n`);
  return [binary, tenMegabytes, truncatedJson];
}

describe('malformed audit input', () => {
  let emulator: RunningVaultEmulator;
  let redis: TestRedis;
  let directory: string;
  let harness: Harness;
  let logs: string[];

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    redis = await createTestRedis();
    directory = await mkdtemp(join(tmpdir(), 'vault-ingest-malformed-'));
    logs = [];
    harness = await startHarness({
      redisUrl: redis.url,
      keyPrefix: redis.prefix,
      vaultAddr: emulator.url,
      vaultToken: ROOT,
      dataDir: directory,
      feeds: ['audit-socket', 'audit-file'],
      auditFile: join(directory, 'audit.log'),
      logs: { write: (line: string) => void logs.push(line) },
    });
  });

  afterEach(async () => {
    const kv = kvClient(emulator.url, ROOT);
    await kv.disableAudit('vault-sync');
    await kv.disableAudit('file');
    await harness.close();
    await emulator.close();
    await redis.cleanup();
    await rm(directory, { recursive: true, force: true });
  });

  it('survives binary garbage, a 10 MB line and truncated JSON on both feeds, counts them and never logs them', async () => {
    const auditFile = join(directory, 'audit.log');
    for (const chunk of garbage()) await appendFile(auditFile, chunk);
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: harness.socketPort() }, () => {
        for (const chunk of garbage()) socket.write(chunk);
        // Ends mid-line: a truncated entry at connection close.
        socket.end(`{"type":"response","request":{"id":"${MARKER}"`);
      });
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });
    const feeds = () => Object.fromEntries(harness.ingest.runtime.feeds.map((feed) => [feed.name, feed.counters()]));
    await waitUntil(() => (feeds()['audit-socket']?.['truncated'] ?? 0) >= 1 && (feeds()['audit-file']?.['malformed'] ?? 0) >= 3);
    expect(feeds()['audit-socket']).toMatchObject({ malformed: 3, truncated: 1, changes: 0 });
    expect(feeds()['audit-file']).toMatchObject({ malformed: 3, changes: 0 });

    // Both feeds still work: a real write through each device queues its job.
    const kv = kvClient(emulator.url, ROOT);
    await harness.associate(gh, { mountAccessor: await kv.accessor(), secretPath: 'app/db', mountPath: 'secret' });
    await kv.enableAudit('vault-sync', 'socket', { address: `127.0.0.1:${harness.socketPort()}`, write_timeout: '1s' });
    await kv.enableAudit('file', 'file', { file_path: auditFile });
    await kv.write('app/db', { password: 'a-real-secret-value' });
    await waitUntil(() => feeds()['audit-socket']?.['changes'] === 1 && feeds()['audit-file']?.['changes'] === 1);
    await harness.settled();
    expect(harness.ingest.runtime.fanOut.counters).toMatchObject({ received: 2, duplicates: 1, queued: 1 });

    const health = await fetch(`${harness.ingest.url}/v1/sys/health`);
    const body = (await health.json()) as { feeds: Record<string, Record<string, number>>; gaps: Record<string, number> };
    expect(health.status).toBe(200);
    expect(body.feeds['audit-socket']).toMatchObject({ malformed: 3, truncated: 1 });
    expect(body.gaps).toMatchObject({ 'audit-socket:malformed-line': 3, 'audit-socket:truncated-line': 1, 'audit-file:malformed-line': 3 });

    const output = logs.join('');
    expect(output).toContain('audit feed gap');
    expect(output).not.toContain(MARKER);
    expect(output).not.toContain('a-real-secret-value');
    expect(output).not.toContain('hmac-sha256');
    expect(output.length).toBeLessThan(200_000);
  });
});
