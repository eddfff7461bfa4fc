import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DestinationRef, associationId } from '@vault-sync/domain';
import { IngestFeed } from '@vault-sync/config';
import { JobName, JobTrigger } from '@vault-sync/jobs';
import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { RunningVaultEmulator, startVaultEmulator } from '@vault-sync/testing/emulators/vault';
import { Harness, kvClient, startHarness, waitUntil } from './testing/ingest-harness';

const ROOT = 'hvs.ingest-feeds-root';
const WEBHOOK_TOKEN = 'webhook-token-for-tests-0123456789';
const gh: DestinationRef = { type: 'gh', name: 'ci' };
const aws: DestinationRef = { type: 'aws-sm', name: 'prod' };

type Kv = ReturnType<typeof kvClient>;

/**
 * The same KV history through each feed on its own: every operation queues exactly one sync per associated
 * destination (the worker decides at run time whether that writes or unsyncs), and a secret without
 * associations queues nothing.
 */
describe.each<[IngestFeed, JobTrigger]>([
  ['audit-socket', 'audit-device'],
  ['audit-file', 'audit-device'],
  ['webhook', 'webhook'],
])('the %s feed', (feed, trigger) => {
  let emulator: RunningVaultEmulator;
  let redis: TestRedis;
  let directory: string;
  let harness: Harness;
  let kv: Kv;
  let accessor: string;

  beforeEach(async () => {
    emulator = await startVaultEmulator({ rootToken: ROOT });
    redis = await createTestRedis();
    directory = await mkdtemp(join(tmpdir(), 'vault-ingest-'));
    kv = kvClient(emulator.url, ROOT);
    const auditFile = join(directory, 'audit.log');
    harness = await startHarness({
      redisUrl: redis.url,
      keyPrefix: redis.prefix,
      vaultAddr: emulator.url,
      vaultToken: ROOT,
      dataDir: directory,
      feeds: [feed],
      ...(feed === 'audit-file' ? { auditFile } : {}),
      ...(feed === 'webhook' ? { webhookToken: WEBHOOK_TOKEN } : {}),
    });
    if (feed === 'audit-socket') await kv.enableAudit('vault-sync', 'socket', { address: `127.0.0.1:${harness.socketPort()}`, write_timeout: '1s' });
    if (feed === 'audit-file') await kv.enableAudit('file', 'file', { file_path: auditFile });
    accessor = await kv.accessor();
    for (const destination of [gh, aws]) await harness.associate(destination, { mountAccessor: accessor, secretPath: 'app/db', mountPath: 'secret' });
    await harness.startRecordingWorkers(['gh', 'aws-sm']);
  });

  afterEach(async () => {
    await kv.disableAudit('vault-sync');
    await kv.disableAudit('file');
    await harness.close();
    await emulator.close();
    await redis.cleanup();
    await rm(directory, { recursive: true, force: true });
  });

  /** What the webhook's caller does after its own change; audit feeds need nothing. */
  async function notify(path: string, version?: number): Promise<void> {
    if (feed !== 'webhook') return;
    const response = await postWebhook({ mount: 'secret', path, ...(version ? { version } : {}) });
    expect(response.status).toBe(202);
  }

  function postWebhook(body: unknown, token = WEBHOOK_TOKEN): Promise<Response> {
    return fetch(`${harness.ingest.url}/v1/sync/ingest/webhook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  /** Runs one operation, waits for its jobs, and returns them. */
  async function jobsFor(operation: () => Promise<unknown>): Promise<typeof harness.runs> {
    const before = harness.runs.length;
    await operation();
    await harness.settled();
    await waitUntil(() => harness.runs.length >= before + 2);
    await harness.settled();
    return harness.runs.slice(before);
  }

  it('queues one sync per associated destination for every kind of KV change, and none for other secrets', async () => {
    const history: [string, () => Promise<unknown>, number | undefined][] = [
      ['write', async () => notify('app/db', await kv.write('app/db', { password: 'first-secret-value' })), 1],
      ['patch', async () => notify('app/db', await kv.patch('app/db', { password: 'second-secret-value' })), 2],
      ['delete', async () => notify('app/db', void (await kv.delete('app/db'))), undefined],
      ['undelete', async () => notify('app/db', void (await kv.undelete('app/db', [2]))), undefined],
      ['destroy', async () => notify('app/db', void (await kv.destroy('app/db', [2]))), undefined],
      ['metadata delete', async () => notify('app/db', void (await kv.deleteMetadata('app/db'))), undefined],
    ];
    for (const [index, [operation, run, version]] of history.entries()) {
      // A change to an unassociated secret first: handled in order, so by the time the associated change's jobs
      // ran it has been fanned out, and it must not have added any.
      await kv.write('app/unassociated', { password: 'not-synced' });
      await notify('app/unassociated');
      const jobs = await jobsFor(run);
      const expected = [gh, aws].map((destination) => ({
        name: JobName.SyncAssociation,
        payload: {
          association: { destination, mountAccessor: accessor, secretPath: 'app/db' },
          generation: index + 2,
          trigger,
          ...(version === undefined ? {} : { observedVersion: version }),
        },
      }));
      expect({ operation, jobs: sortByDestination(jobs) }).toEqual({ operation, jobs: sortByDestination(expected) });
    }
    const stored = await harness.associations.get(associationId(gh, { mountAccessor: accessor, secretPath: 'app/db' }));
    expect(stored?.generation).toBe(history.length + 1);
    expect(harness.ingest.runtime.fanOut.counters.unassociated).toBe(history.length);
    expect(JSON.stringify(harness.runs)).not.toContain('secret-value');
  });

  if (feed === 'webhook') {
    it('refuses a missing or wrong token, an invalid body and an unknown mount, queueing nothing', async () => {
      const missing = await fetch(`${harness.ingest.url}/v1/sync/ingest/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect([missing.status, await missing.json()]).toEqual([403, { errors: ['permission denied'] }]);
      const wrong = await postWebhook({ mount: 'secret', path: 'app/db' }, `${WEBHOOK_TOKEN}x`);
      expect([wrong.status, await wrong.json()]).toEqual([403, { errors: ['permission denied'] }]);
      const invalid = await postWebhook({ mount: 'secret', path: '/', extra: 'secret-value' });
      expect(invalid.status).toBe(400);
      const invalidBody = (await invalid.json()) as { errors: string[] };
      expect(invalidBody.errors.join(' ')).toMatch(/path: must name a secret/);
      expect(JSON.stringify(invalidBody)).not.toContain('secret-value');
      const nested = await postWebhook({ mount: 'secret/app', path: 'db' });
      expect([nested.status, await nested.json()]).toEqual([400, { errors: ['no mount at path "secret/app"'] }]);
      const missingMount = await postWebhook({ mount: 'nowhere', path: 'db' });
      expect(missingMount.status).toBe(400);
      expect(harness.ingest.runtime.fanOut.counters.queued).toBe(0);
    });
  }
});

function sortByDestination<T extends { payload: unknown }>(jobs: T[]): T[] {
  const key = (job: T) => JSON.stringify((job.payload as { association?: { destination?: unknown } }).association?.destination);
  return [...jobs].sort((a, b) => key(a).localeCompare(key(b)));
}
