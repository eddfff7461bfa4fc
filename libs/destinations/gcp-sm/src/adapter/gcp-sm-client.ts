import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import { credentials as channelCredentials } from '@grpc/grpc-js';
import { GcpSmSettings } from './gcp-sm-settings';

/** Where the worker reaches Secret Manager; Google's public endpoint unless a private endpoint or an emulator. */
export interface GcpSmEndpointOptions {
  /** Host of the gRPC endpoint, e.g. a Private Service Connect name; default `secretmanager.googleapis.com`. */
  apiEndpoint?: string;
  /** Default 443. */
  port?: number;
  /** Plain-text HTTP/2 without credentials: for an emulator only (spec §3.1: gax then skips google-auth). */
  insecure?: boolean;
}

type ClientOptions = NonNullable<ConstructorParameters<typeof SecretManagerServiceClient>[0]>;

/** Longest a single RPC may take; the runtime retries a DEADLINE_EXCEEDED. */
const RPC_TIMEOUT_MS = 30_000;

/**
 * Per-call options of every RPC. gax retries only AccessSecretVersion by default (spec §3.3), which we never call;
 * `retry: null` makes "no SDK retry" explicit for every method, so the runtime sees each RESOURCE_EXHAUSTED (to
 * slow the project's rate governor down) and owns backoff.
 */
export const CALL_OPTIONS = { retry: null, timeout: RPC_TIMEOUT_MS } as const;

/**
 * The gRPC client for one destination: its service account key, or Application Default Credentials.
 * `universeDomain` is named so that google-auth never probes a GCE metadata server to learn it.
 */
export function secretManagerClientFor(settings: GcpSmSettings, endpoint: GcpSmEndpointOptions): SecretManagerServiceClient {
  const options: ClientOptions = { universeDomain: 'googleapis.com' };
  if (endpoint.apiEndpoint) options.apiEndpoint = endpoint.apiEndpoint;
  if (endpoint.port !== undefined) options.port = endpoint.port;
  if (endpoint.insecure) options.sslCreds = channelCredentials.createInsecure();
  if (settings.credentials !== undefined) options.credentials = settings.credentials as ClientOptions['credentials'];
  if (settings.projectId !== undefined) options.projectId = settings.projectId;
  return new SecretManagerServiceClient(options);
}
