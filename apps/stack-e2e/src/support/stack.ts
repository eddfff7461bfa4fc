import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_REGION, AwsSmEmulatorApi } from './aws-sm-emulator-api';
import { StackProcess, freePort, startEmulator, startRedisServer, startService, waitForHealthy } from './processes';
import { SyncApi } from './sync-api';
import { VaultApi } from './vault-api';

const API_TOKEN = 'stack-e2e-api-token';
const VAULT_ROOT_TOKEN = 'stack-e2e-root-token';
const AUDIT_DEVICE = 'stack-e2e';
const OUTPUT_TAIL_CHARS = 6_000;

export interface StackOptions {
  /** worker-aws-sm processes. */
  workers: number;
  /** SYNC_WORKER_CONCURRENCY of each. */
  workerConcurrency?: number;
  /** SYNC_RECONCILE_INTERVAL of the ingest's poller. */
  reconcileInterval?: string;
  /** LOG_LEVEL of every service; warn keeps the worker's retry decisions in the captured output. */
  logLevel?: string;
}

/**
 * The whole stack as separate processes: its own redis-server, the Vault and AWS Secrets Manager emulators, the
 * API gateway, the Vault ingest (audit socket + poller) and `workers` AWS sync workers, all from dist/.
 */
export class Stack {
  private constructor(
    private readonly processes: StackProcess[],
    private readonly dataDir: string,
    readonly vault: VaultApi,
    readonly sync: SyncApi,
    readonly aws: AwsSmEmulatorApi,
  ) {}

  static async start(options: StackOptions): Promise<Stack> {
    const dataDir = await mkdtemp(join(tmpdir(), 'stack-e2e-'));
    const processes: StackProcess[] = [];
    const started = <T extends { process: StackProcess }>(value: T): T => (processes.push(value.process), value);
    try {
      const [redis, vaultEmulator, awsEmulator] = await Promise.all([
        startRedisServer().then(started),
        startEmulator('vault', { 'root-token': VAULT_ROOT_TOKEN }).then(started),
        startEmulator('aws-sm').then(started),
      ]);
      const common = {
        REDIS_URL: redis.url,
        SYNC_KEY_PREFIX: 'e2e',
        SYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SYNC_DATA_DIR: dataDir,
        VAULT_ADDR: vaultEmulator.url,
        VAULT_TOKEN: VAULT_ROOT_TOKEN,
        LOG_LEVEL: options.logLevel ?? 'warn',
      };
      const [httpPort, grpcPort, ingestPort, auditPort, ...workerPorts] = await Promise.all(
        Array.from({ length: 4 + options.workers }, () => freePort()),
      );
      const services = [
        {
          process: startService('api-gateway', 'dist/apps/api-gateway/src/main.js', {
            ...common,
            SYNC_AUTH: 'static',
            SYNC_STATIC_TOKENS: API_TOKEN,
            SYNC_HTTP_PORT: String(httpPort),
            SYNC_GRPC_PORT: String(grpcPort),
          }),
          health: `http://127.0.0.1:${httpPort}/v1/sys/health`,
        },
        {
          process: startService('vault-ingest', 'dist/apps/vault-ingest/src/main.js', {
            ...common,
            SYNC_FEEDS: 'audit-socket,poller',
            SYNC_AUDIT_SOCKET: `127.0.0.1:${auditPort}`,
            SYNC_INGEST_HTTP_PORT: String(ingestPort),
            SYNC_RECONCILE_INTERVAL: options.reconcileInterval ?? '2s',
          }),
          health: `http://127.0.0.1:${ingestPort}/v1/sys/health`,
        },
        ...workerPorts.map((port, i) => ({
          process: startService(`worker-aws-sm-${i + 1}`, 'dist/apps/worker-aws-sm/src/main.js', {
            ...common,
            SYNC_WORKER_HEALTH_PORT: String(port),
            SYNC_WORKER_CONCURRENCY: String(options.workerConcurrency ?? 8),
            AWS_ENDPOINT_URL_SECRETS_MANAGER: awsEmulator.url,
            AWS_ENDPOINT_URL_STS: awsEmulator.url,
            AWS_REGION,
            AWS_EC2_METADATA_DISABLED: 'true',
            // Keeps the SDK's Node 20 end-of-support notice out of the outputs a failure prints.
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          }),
          health: `http://127.0.0.1:${port}/health`,
        })),
      ];
      services.forEach(started);
      await Promise.all(services.map((service) => waitForHealthy(service.process, service.health)));

      const vault = new VaultApi(vaultEmulator.url, VAULT_ROOT_TOKEN);
      // Only now: the emulator, like Vault, fails every request while no audit device takes its entries.
      await vault.enableSocketAudit(AUDIT_DEVICE, `127.0.0.1:${auditPort}`);
      return new Stack(processes, dataDir, vault, new SyncApi(`http://127.0.0.1:${httpPort}`, API_TOKEN), new AwsSmEmulatorApi(awsEmulator.url));
    } catch (error) {
      const failure = withOutputs(error, processes);
      await stopAll(processes, dataDir);
      throw failure;
    }
  }

  /** Every process of the stack, infrastructure (redis, emulators) included. */
  get members(): readonly StackProcess[] {
    return this.processes;
  }

  /** The captured output of the processes whose name starts with `prefix`. */
  outputOf(prefix: string): string {
    return this.processes
      .filter((process) => process.name.startsWith(prefix))
      .map((process) => process.output)
      .join('\n');
  }

  /** `error` with the tail of every process's output, so a failing test says what the services saw. */
  explain(error: unknown): Error {
    return withOutputs(error, this.processes);
  }

  /** Runs `body`, turning any failure into one that carries the processes' outputs. */
  async explaining<T>(body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      throw this.explain(error);
    }
  }

  async stop(): Promise<void> {
    this.aws.close();
    await stopAll(this.processes, this.dataDir);
  }
}

function withOutputs(error: unknown, processes: StackProcess[]): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  const outputs = processes.map((process) => `--- ${process.name}${process.running ? '' : ' (exited)'} ---\n${process.tail(OUTPUT_TAIL_CHARS)}`);
  failure.message = `${failure.message}\n\nprocess outputs (tails):\n${outputs.join('\n')}`;
  return failure;
}

/** Services first (they drain into Redis), then the emulators and Redis; then the data folder. */
async function stopAll(processes: StackProcess[], dataDir: string): Promise<void> {
  const infrastructure = new Set(['redis', 'vault emulator', 'aws-sm emulator']);
  await Promise.all(processes.filter((process) => !infrastructure.has(process.name)).map((process) => process.stop()));
  await Promise.all(processes.filter((process) => infrastructure.has(process.name)).map((process) => process.stop()));
  await rm(dataDir, { recursive: true, force: true });
}
