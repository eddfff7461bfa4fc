import { AWS_CREDENTIALS, AWS_REGION, EmulatedSecret, currentValue } from './support/aws-sm-emulator-api';
import { LatencyReport } from './support/latency-report';
import { eventually, sleep } from './support/processes';
import { seededRandom } from './support/seeded-random';
import { Stack } from './support/stack';

const WORKERS = 4;
const SECRETS = 50;
const WRITERS = 6;
const WRITES_PER_WRITER = 50;
const SETTLE_LIMIT_MS = 60_000;
/** After settling, nothing may change for a while (no late, stale write lands). */
const STABLE_FOR_MS = 3_000;

/** The Vault version a value carries: every write puts `{"v": <its own KV version>}`. */
const versionIn = (value: string | undefined): number | undefined => (value === undefined ? undefined : (JSON.parse(value) as { v: number }).v);

describe(`vault-sync → AWS Secrets Manager under concurrent writes (${WORKERS} worker processes)`, () => {
  const seed = Date.now() % 1_000_000;
  const report = new LatencyReport(`aws-sm concurrency (seed ${seed})`);
  const paths = Array.from({ length: SECRETS }, (_, i) => `load/s${String(i).padStart(2, '0')}`);
  /** The latest Vault version of each secret, as the KV write responses said. */
  const latest = new Map<string, number>();
  let stack: Stack;
  let accessor: string;

  const awsName = (path: string) => `vault/${accessor}/${path}`;

  async function awsSecretsByPath(): Promise<Map<string, EmulatedSecret>> {
    const byName = new Map((await stack.aws.secrets()).map((secret) => [secret.name, secret]));
    return new Map(paths.flatMap((path) => (byName.has(awsName(path)) ? [[path, byName.get(awsName(path)) as EmulatedSecret]] : [])));
  }

  /** Every AWS value is Vault's latest and every association SYNCED. */
  async function settled(): Promise<boolean> {
    const secrets = await awsSecretsByPath();
    if (!paths.every((path) => versionIn(currentValue(secrets.get(path) ?? { name: '', tags: [], versions: [] })) === latest.get(path))) return false;
    const entries = await stack.sync.associations('bulk');
    return entries.length === SECRETS && entries.every((entry) => entry.sync_status === 'SYNCED');
  }

  /** One write of the next version; `cas` proves no other write to this secret came in between. */
  async function writeNext(path: string): Promise<void> {
    const next = (latest.get(path) ?? 0) + 1;
    const version = await stack.vault.put(path, { v: next }, next - 1);
    if (version !== next) throw new Error(`${path}: Vault wrote version ${version}, expected ${next}`);
    latest.set(path, next);
  }

  beforeAll(async () => {
    stack = await Stack.start({ workers: WORKERS });
    await stack.explaining(async () => {
      accessor = await stack.vault.mountAccessor('secret');
      await stack.sync.createAwsDestination('bulk', { access_key_id: AWS_CREDENTIALS.accessKeyId, secret_access_key: AWS_CREDENTIALS.secretAccessKey, region: AWS_REGION });
      for (const path of paths) {
        await writeNext(path);
        await stack.sync.setAssociation('bulk', path);
      }
      await eventually(settled, `all ${SECRETS} associations SYNCED with version 1`, SETTLE_LIMIT_MS, 250);
    });
  });

  afterAll(async () => {
    await stack?.stop();
    process.stdout.write(report.summary());
  });

  it(`settles on Vault's latest value after ${WRITERS * WRITES_PER_WRITER} interleaved writes, never writing an older version after a newer one`, () =>
    stack.explaining(async () => {
      const random = seededRandom(seed);
      // Writes to one secret are chained (each knows its version); writes to different secrets interleave freely.
      const chains = new Map<string, Promise<void>>(paths.map((path) => [path, Promise.resolve()]));
      const writer = async () => {
        for (let n = 0; n < WRITES_PER_WRITER; n++) {
          const path = paths[Math.floor(random() * SECRETS)];
          const write = (chains.get(path) as Promise<void>).then(() => writeNext(path));
          chains.set(path, write);
          await write;
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: WRITERS }, writer));
      const lastWrite = Date.now();
      report.note(`${WRITERS * WRITES_PER_WRITER} writes by ${WRITERS} writers in ${lastWrite - started} ms`);

      await eventually(settled, `every AWS value equal to Vault's latest and every association SYNCED`, SETTLE_LIMIT_MS, 250);
      report.note(`settled ${Date.now() - lastWrite} ms after the last write`);
      const versionsAtSettle = await awsSecretsByPath();
      await sleep(STABLE_FOR_MS);
      const secrets = await awsSecretsByPath();
      expect(await settled()).toBe(true);

      const regressions: string[] = [];
      let awsWrites = 0;
      for (const path of paths) {
        const written = (secrets.get(path)?.versions ?? []).map((version) => versionIn(version.secretString) as number);
        awsWrites += written.length;
        if (written.some((v, i) => i > 0 && v <= written[i - 1])) regressions.push(`${path}: ${written.join(' → ')}`);
        expect(written.at(-1)).toBe(latest.get(path));
        expect(written).toHaveLength(versionsAtSettle.get(path)?.versions.length ?? 0);
      }
      expect(regressions).toEqual([]);
      report.note(`${awsWrites} AWS versions written for ${SECRETS + WRITERS * WRITES_PER_WRITER} Vault versions (coalesced)`);
    }));
});
