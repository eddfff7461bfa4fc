import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { AWS_CREDENTIALS, AWS_REGION, EmulatedSecret, currentValue } from '../support/aws-sm-emulator-api';
import { eventually } from '../support/processes';
import { Stack } from '../support/stack';

const DESTINATION = 'bench';
const SETTLE_POLL_MS = 25;

/** The write number a synced value carries: every write puts `{"n": <how many writes this secret has had>}`. */
const writeNumberIn = (value: string | undefined): number | undefined => (value === undefined ? undefined : (JSON.parse(value) as { n: number }).n);

/**
 * The benchmark's secrets, associated with one aws-sm destination. It numbers each secret's writes, so "AWS holds
 * Vault's latest value" is a comparison of numbers; writes to one secret are chained, so the highest number is
 * always the latest Vault version whatever the caller's concurrency.
 */
export class BenchSecrets {
  private readonly written = new Map<string, number>();
  private readonly chains = new Map<string, Promise<unknown>>();

  private constructor(
    private readonly stack: Stack,
    private readonly accessor: string,
    readonly paths: readonly string[],
  ) {}

  /** Creates the destination, writes and associates `count` secrets, and waits until AWS holds all of them. */
  static async create(stack: Stack, count: number, timeoutMs: number): Promise<BenchSecrets> {
    const accessor = await stack.vault.mountAccessor('secret');
    await stack.sync.createAwsDestination(DESTINATION, { access_key_id: AWS_CREDENTIALS.accessKeyId, secret_access_key: AWS_CREDENTIALS.secretAccessKey, region: AWS_REGION });
    const paths = Array.from({ length: count }, (_, i) => `bench/s${String(i).padStart(4, '0')}`);
    const secrets = new BenchSecrets(stack, accessor, paths);
    for (const path of paths) {
      await secrets.write(path);
      await stack.sync.setAssociation(DESTINATION, path);
    }
    await secrets.waitUntilSettled(paths, timeoutMs);
    return secrets;
  }

  /** Writes the secret's next value; resolves with its write number once Vault answered. */
  write(path: string): Promise<number> {
    const write = (this.chains.get(path) ?? Promise.resolve()).then(async () => {
      const n = (this.written.get(path) ?? 0) + 1;
      await this.stack.vault.put(path, { n });
      this.written.set(path, n);
      return n;
    });
    this.chains.set(path, write.catch(() => undefined));
    return write;
  }

  /** The write number AWS holds as the current value of one secret, read with the SDK. */
  async awsWriteNumber(path: string): Promise<number | undefined> {
    const reply = await this.stack.aws.client.send(new GetSecretValueCommand({ SecretId: this.awsName(path) })).catch(() => undefined);
    return writeNumberIn(reply?.SecretString);
  }

  /** Versions AWS holds for these secrets, read in one call from the emulator's control surface. */
  async awsVersionCount(paths: readonly string[]): Promise<number> {
    const secrets = await this.awsSecrets(paths);
    return [...secrets.values()].reduce((sum, secret) => sum + secret.versions.length, 0);
  }

  /** Polls the emulator until every one of `paths` holds its latest write; resolves with the milliseconds it took. */
  waitUntilSettled(paths: readonly string[], timeoutMs: number): Promise<number> {
    const settled = async () => {
      const secrets = await this.awsSecrets(paths);
      return paths.every((path) => {
        const secret = secrets.get(path);
        return secret !== undefined && writeNumberIn(currentValue(secret)) === this.written.get(path);
      });
    };
    return eventually(settled, `AWS to hold the latest value of ${paths.length} secret(s)`, timeoutMs, SETTLE_POLL_MS);
  }

  private awsName(path: string): string {
    return `vault/${this.accessor}/${path}`;
  }

  private async awsSecrets(paths: readonly string[]): Promise<Map<string, EmulatedSecret>> {
    const byName = new Map((await this.stack.aws.secrets()).map((secret) => [secret.name, secret]));
    return new Map(paths.flatMap((path) => {
      const secret = byName.get(this.awsName(path));
      return secret ? [[path, secret] as const] : [];
    }));
  }
}
