import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { credentials } from '@grpc/grpc-js';
import { GcpSecretManagerAdapterOptions } from '../gcp-sm-adapter-factory';

/** Test helpers around the emulator: the endpoint options a worker would be given, and its state. */

/** The part of the running emulator the helpers use (typed here: fixtures outside test files cannot import testing). */
export interface RunningGcpSmEmulator {
  host: string;
  port: number;
  control: { state(): unknown };
}

export function emulatorEndpoint(emulator: RunningGcpSmEmulator): GcpSecretManagerAdapterOptions {
  return { apiEndpoint: emulator.host, port: emulator.port, insecure: true };
}

/** The official client as another tool (or an operator) would use it next to the worker. */
export function otherClient(emulator: RunningGcpSmEmulator): SecretManagerServiceClient {
  return new SecretManagerServiceClient({ apiEndpoint: emulator.host, port: emulator.port, sslCreds: credentials.createInsecure(), universeDomain: 'googleapis.com' });
}

export interface StoredVersion {
  id: number;
  state: string;
  value?: string;
  clientSpecifiedPayloadChecksum: boolean;
}

export interface StoredSecret {
  name: string;
  etag: string;
  replication?: unknown;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  versions: StoredVersion[];
}

export function storedSecrets(emulator: RunningGcpSmEmulator): StoredSecret[] {
  return (emulator.control.state() as { secrets: StoredSecret[] }).secrets;
}

export function storedSecret(emulator: RunningGcpSmEmulator, name: string): StoredSecret | undefined {
  return storedSecrets(emulator).find((secret) => secret.name.endsWith(`/secrets/${name}`));
}

