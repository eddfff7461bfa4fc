import { failureOf as failureOfCall } from '../core/failure-of';
import { credentials } from '@grpc/grpc-js';
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { RunningGcpSmEmulator } from '.';

export const PROJECT = 'p1';
export const PARENT = `projects/${PROJECT}`;

/**
 * The client as a production adapter points it at a non-default endpoint (spec §3.1). Naming the universe
 * domain keeps google-auth from probing for a GCE metadata server (what METADATA_SERVER_DETECTION=none also
 * does), so nothing leaves the machine.
 */
export function secretManagerClient(emulator: RunningGcpSmEmulator): SecretManagerServiceClient {
  return new SecretManagerServiceClient({ apiEndpoint: emulator.host, port: emulator.port, sslCreds: credentials.createInsecure(), universeDomain: 'googleapis.com' });
}

/** What a gax call rejects with: a GoogleError carrying the gRPC code, details and decoded ErrorInfo. */
export interface GaxFailure extends Error {
  code: number;
  details: string;
  reason?: string;
  domain?: string;
  errorInfoMetadata?: Record<string, string>;
}

export const failureOf = (call: Promise<unknown>): Promise<GaxFailure> => failureOfCall<GaxFailure>(call);

export const automatic = { automatic: {} };
