import { performance } from 'node:perf_hooks';
import { BenchSecrets } from './bench-secrets';

export interface BurstPlan {
  writes: number;
  secrets: number;
  concurrency: number;
  timeoutMs: number;
  random: () => number;
}

export interface BurstResult {
  /** From the first write sent until Vault acknowledged the last. */
  writingMs: number;
  /** From the first write sent until AWS held every secret's latest value. */
  totalMs: number;
  /** From the last acknowledged write until AWS held every latest value. */
  settleMs: number;
  /** Versions AWS gained: fewer than the writes when the sync coalesced writes to one secret. */
  awsVersions: number;
}

/** A burst of writes over the first `plan.secrets` secrets, `plan.concurrency` in flight, then waits for AWS to settle. */
export async function measureBurst(secrets: BenchSecrets, plan: BurstPlan): Promise<BurstResult> {
  const paths = secrets.paths.slice(0, plan.secrets);
  // Drawn up front so the seeded sequence does not depend on how the writers interleave.
  const targets = Array.from({ length: plan.writes }, () => paths[Math.floor(plan.random() * paths.length)]);
  const versionsBefore = await secrets.awsVersionCount(paths);

  const started = performance.now();
  let next = 0;
  const writer = async () => {
    while (next < targets.length) await secrets.write(targets[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.writes) }, writer));
  const written = performance.now();
  await secrets.waitUntilSettled(paths, plan.timeoutMs);
  const settled = performance.now();

  return {
    writingMs: written - started,
    totalMs: settled - started,
    settleMs: settled - written,
    awsVersions: (await secrets.awsVersionCount(paths)) - versionsBefore,
  };
}
