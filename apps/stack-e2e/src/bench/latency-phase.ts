import { performance } from 'node:perf_hooks';
import { eventually, sleep } from '../support/processes';
import { BenchSecrets } from './bench-secrets';
import { Distribution, distributionOf } from './percentiles';

export interface LatencyPlan {
  writes: number;
  gapMs: number;
  pollMs: number;
  timeoutMs: number;
  random: () => number;
}

/**
 * Single writes, one at a time: each is timed from just before its Vault write until the SDK reads the new value
 * from AWS, and the next starts only after it (plus a gap), so no measurement queues behind another.
 */
export async function measureLatency(secrets: BenchSecrets, plan: LatencyPlan): Promise<Distribution> {
  const samples: number[] = [];
  for (let i = 0; i < plan.writes; i++) {
    const path = secrets.paths[Math.floor(plan.random() * secrets.paths.length)];
    const started = performance.now();
    const n = await secrets.write(path);
    await eventually(async () => (await secrets.awsWriteNumber(path)) === n, `write ${i + 1} of ${path} to reach AWS`, plan.timeoutMs, plan.pollMs);
    samples.push(performance.now() - started);
    await sleep(plan.gapMs);
  }
  return distributionOf(samples);
}
