import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { requestJson } from './http-json';

/** AWS's documented example key pair: the emulator's default credential. */
export const AWS_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const AWS_REGION = 'us-east-1';

/** One secret version as `/__emulator/state` lists it (libs/testing/src/emulators/aws-sm/aws-sm.types.ts). */
export interface EmulatedVersion {
  versionId: string;
  secretString?: string;
  stages: string[];
  createdMs: number;
}

export interface EmulatedSecret {
  name: string;
  tags: { Key: string; Value: string }[];
  /** Oldest first. */
  versions: EmulatedVersion[];
  deletedMs?: number;
}

/** The AWS Secrets Manager emulator: the real SDK client for reads, and its control surface for faults and counts. */
export class AwsSmEmulatorApi {
  readonly client: SecretsManagerClient;

  constructor(readonly url: string) {
    this.client = new SecretsManagerClient({ endpoint: url, region: AWS_REGION, credentials: AWS_CREDENTIALS, maxAttempts: 1 });
  }

  async secrets(): Promise<EmulatedSecret[]> {
    const state = await this.control<{ secrets: Record<string, EmulatedSecret[]> }>('GET', 'state');
    return state.secrets[AWS_REGION] ?? [];
  }

  /** Requests received per operation since the emulator started (failed ones included). */
  async totalRequests(): Promise<number> {
    const counts = await this.control<Record<string, number>>('GET', 'requests');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  async injectFault(fault: { operation?: string; status?: number; count?: number; durationMs?: number }): Promise<void> {
    await this.control('POST', 'faults', fault);
  }

  async clearFaults(): Promise<void> {
    await this.control('DELETE', 'faults');
  }

  close(): void {
    this.client.destroy();
  }

  private control<T>(method: string, path: string, body?: unknown): Promise<T> {
    return requestJson<T>(`${this.url}/__emulator/${path}`, method, { body });
  }
}

/** The value a version holds as AWSCURRENT. */
export function currentValue(secret: EmulatedSecret): string | undefined {
  return secret.versions.find((version) => version.stages.includes('AWSCURRENT'))?.secretString;
}
