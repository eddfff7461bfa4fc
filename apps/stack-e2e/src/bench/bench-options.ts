import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Flags and their defaults; the defaults keep a whole run (build excluded) to about a minute on 2 cores. */
const FLAGS = {
  workers: { default: 1, describe: 'worker-aws-sm processes' },
  'worker-concurrency': { default: 8, describe: 'SYNC_WORKER_CONCURRENCY of each worker' },
  associations: { default: 20, describe: 'secrets associated with the aws-sm destination' },
  'latency-writes': { default: 200, describe: 'single writes measured one at a time' },
  'gap-ms': { default: 20, describe: 'pause after each single write became visible' },
  'poll-ms': { default: 5, describe: 'how often the AWS emulator is polled for a single write' },
  'burst-writes': { default: 400, describe: 'writes of the throughput burst' },
  'burst-secrets': { default: 20, describe: 'secrets the burst spreads over (at most --associations)' },
  'burst-concurrency': { default: 16, describe: 'Vault writes in flight during the burst' },
  'timeout-ms': { default: 60_000, describe: 'longest wait for any value to reach AWS' },
  seed: { default: 1, describe: 'seed of the choice of secrets' },
} as const;

type FlagName = keyof typeof FLAGS;

const count = (min: number) => z.coerce.number().int().min(min);

const optionsSchema = z
  .object({
    workers: count(1).max(16),
    'worker-concurrency': count(1).max(256),
    associations: count(1).max(1_000),
    'latency-writes': count(1),
    'gap-ms': count(0),
    'poll-ms': count(1),
    'burst-writes': count(1),
    'burst-secrets': count(1),
    'burst-concurrency': count(1).max(256),
    'timeout-ms': count(1_000),
    seed: count(0),
  } satisfies Record<FlagName, z.ZodType>)
  .refine((options) => options['burst-secrets'] <= options.associations, {
    message: 'must not exceed --associations',
    path: ['burst-secrets'],
  });

export type BenchOptions = z.infer<typeof optionsSchema>;

export class UsageError extends Error {}

export function usage(): string {
  const lines = Object.entries(FLAGS).map(([name, flag]) => `  --${name} N`.padEnd(26) + `${flag.describe} (default ${flag.default})`);
  return ['usage: npm run bench -- [flags]', ...lines].join('\n');
}

/** The benchmark's parameters from its command line; unknown flags and bad values are a UsageError naming them. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values: Record<string, string | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: 'string' as const }]));
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const withDefaults = Object.fromEntries(Object.entries(FLAGS).map(([name, flag]) => [name, values[name] ?? flag.default]));
  const parsed = optionsSchema.safeParse(withDefaults);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}
