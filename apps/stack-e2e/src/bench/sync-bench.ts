// `npm run bench`: starts the whole stack as separate processes (apps/stack-e2e/src/support) and prints
// vault-sync's end-to-end latency, burst throughput and each process's peak memory. A script, not a test:
// it measures and prints, asserting nothing about speed.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seededRandom } from '../support/seeded-random';
import { Stack } from '../support/stack';
import { BenchOptions, UsageError, parseBenchOptions, usage } from './bench-options';
import { ProcessMemory, formatReport } from './bench-report';
import { BenchSecrets } from './bench-secrets';
import { measureLatency } from './latency-phase';
import { peakRssMiB } from './peak-memory';
import { measureBurst } from './throughput-phase';

/** A failure of one step, with the step's name for the one line the benchmark prints. */
class StepFailure extends Error {
  constructor(
    readonly step: string,
    override readonly cause: unknown,
  ) {
    super(`${step} failed`);
  }
}

const began = performance.now();

function progress(line: string): void {
  process.stderr.write(`bench [${((performance.now() - began) / 1000).toFixed(1)} s]: ${line}\n`);
}

async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
  progress(`${name}...`);
  try {
    return await body();
  } catch (error) {
    throw new StepFailure(name, error);
  }
}

async function peakMemory(stack: Stack): Promise<ProcessMemory[]> {
  return Promise.all(
    stack.members.map(async (member) => ({ name: member.name, peakRssMiB: member.pid === undefined ? undefined : await peakRssMiB(member.pid) })),
  );
}

async function run(options: BenchOptions): Promise<string> {
  const random = seededRandom(options.seed);
  const timeoutMs = options['timeout-ms'];
  const stack = await step(`starting the stack (${options.workers} worker-aws-sm process(es))`, () =>
    Stack.start({ workers: options.workers, workerConcurrency: options['worker-concurrency'] }),
  );
  try {
    const secrets = await step(`creating an aws-sm destination and ${options.associations} associations`, () =>
      stack.explaining(() => BenchSecrets.create(stack, options.associations, timeoutMs)),
    );
    const latency = await step(`measuring ${options['latency-writes']} single writes`, () =>
      stack.explaining(() =>
        measureLatency(secrets, { writes: options['latency-writes'], gapMs: options['gap-ms'], pollMs: options['poll-ms'], timeoutMs, random }),
      ),
    );
    const burst = await step(`measuring a burst of ${options['burst-writes']} writes`, () =>
      stack.explaining(() =>
        measureBurst(secrets, { writes: options['burst-writes'], secrets: options['burst-secrets'], concurrency: options['burst-concurrency'], timeoutMs, random }),
      ),
    );
    const memory = await peakMemory(stack);
    return formatReport(options, { latency, burst, memory });
  } finally {
    await stack.stop();
  }
}

/** One readable line on stderr; the full error, with the processes' output tails, goes to a file it names. */
function reportFailure(error: unknown): void {
  const failure = error instanceof StepFailure ? error : new StepFailure('the benchmark', error);
  const cause = failure.cause instanceof Error ? failure.cause : new Error(String(failure.cause));
  const details = join(tmpdir(), `vault-sync-bench-${process.pid}.log`);
  writeFileSync(details, `${cause.stack ?? cause.message}\n`);
  progress(`${failure.step} failed: ${cause.message.split('\n')[0]} (details in ${details})`);
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${usage()}\n`);
    process.exit(2);
  }
  try {
    process.stdout.write(await run(options));
    process.exit(0);
  } catch (error) {
    reportFailure(error);
    process.exit(1);
  }
}

void main();
