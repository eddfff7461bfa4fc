import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DestinationRef, associationId } from '@vault-sync/domain';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { Harness, kvClient, startHarness } from './testing/ingest-harness';

const ROOT = 'hvs.ingest-burst-root';
const WRITES = 1_000;
const WRITERS = 32;
const destinations: DestinationRef[] = [
  { type: 'gh', name: 'ci' },
  { type: 'aws-sm', name: 'prod' },
];

describe('a burst of writes to one secret through the audit socket', () => {
  let emulator: RunningVaultEmulator;
  let redis: TestRedis;
  let directory: string;
  let harness: Harness;

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    redis = await createTestRedis();
    directory = await mkdtemp(join(tmpdir(), 'vault-ingest-burst-'));
    harness = await startHarness({ redisUrl: redis.url, keyPrefix: redis.prefix, vaultAddr: emulator.url, vaultToken: ROOT, dataDir: directory, feeds: ['audit-socket'] });
  });

  afterEach(async () => {
    await kvClient(emulator.url, ROOT).disableAudit('vault-sync');
    await harness.close();
    await emulator.close();
    await redis.cleanup();
    await rm(directory, { recursive: true, force: true });
  });

  it('never holds more than one waiting job per association, and the run that follows syncs the last version', async () => {
    const kv = kvClient(emulator.url, ROOT);
    await kv.enableAudit('vault-sync', 'socket', { address: `127.0.0.1:${harness.socketPort()}`, write_timeout: '1s' });
    const secret = { mountAccessor: await kv.accessor(), secretPath: 'app/hot', mountPath: 'secret' };
    for (const destination of destinations) await harness.associate(destination, secret);

    // No worker yet: every job stays waiting, so the queue length is exactly what coalescing left.
    let writing = true;
    const samples: number[] = [];
    const sampler = (async () => {
      while (writing) {
        samples.push(await harness.pendingJobs());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    let next = 0;

    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < WRITES) {
          next += 1;
          await kv.write('app/hot', { counter: String(next) });
        }
      }),
    );
    await harness.settled();
    writing = false;
    await sampler;

    const counters = harness.ingest.runtime.fanOut.counters;
    expect(counters).toMatchObject({ received: WRITES, completed: WRITES, duplicates: 0, dropped: 0, failed: 0 });
    // Each fan-out queued one sync per destination; the rest of the writes merged into a waiting fan-out.
    expect(counters.queued / destinations.length + counters.coalesced).toBe(WRITES);
    expect(samples.length).toBeGreaterThan(10);
    expect(Math.max(...samples)).toBeLessThanOrEqual(destinations.length);
    expect(await harness.pendingJobs()).toBe(destinations.length);

    // A worker reads the latest state when the job runs, as the real one does.
    const syncedVersions: number[] = [];
    await harness.startRecordingWorkers(
      destinations.map((destination) => destination.type),
      async () => void syncedVersions.push(await kv.readVersion('app/hot')),
    );
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 10_000;
      const poll = setInterval(() => {
        if (harness.runs.length >= destinations.length) resolve();
        else if (Date.now() > deadline) reject(new Error('jobs did not run'));
        else return;
        clearInterval(poll);
      }, 10);
    });
    expect(syncedVersions).toEqual([WRITES, WRITES]);
    for (const destination of destinations) {
      const stored = await harness.associations.get(associationId(destination, secret));
      expect(stored?.generation).toBe(1 + counters.queued / destinations.length);
      const [run] = harness.runs.filter((candidate) => JSON.stringify(candidate.payload).includes(`"name":"${destination.name}"`));
      expect((run?.payload as { generation: number }).generation).toBeLessThanOrEqual(stored?.generation ?? 0);
    }
    expect(harness.runs).toHaveLength(destinations.length);
  });
});
