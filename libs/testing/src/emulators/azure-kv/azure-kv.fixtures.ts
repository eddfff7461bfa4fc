import { failureOf as failureOfCall } from '../core/failure-of';
import { ClientSecretCredential, TokenCredential } from '@azure/identity';
import { SecretClient, SecretClientOptions } from '@azure/keyvault-secrets';
import { request as httpsRequest } from 'node:https';
import { RunningAzureKvEmulator } from '.';

/** Test helpers shared by the azure-kv suites: clients configured as a production adapter would. */

export interface ClientSetup {
  clientSecret?: string;
  tenantId?: string;
  /** Retries of both pipelines (vault and token requests): 0 unless a test is about the SDK's own retries. */
  maxRetries?: number;
  serviceVersion?: SecretClientOptions['serviceVersion'];
}

const retryOptions = (setup: ClientSetup) => ({ maxRetries: setup.maxRetries ?? 0, retryDelayInMs: 20, maxRetryDelayInMs: 100 });

/** Trusting the generated CA in-process: `tlsOptions.ca` reaches the pipeline of both clients (NODE_EXTRA_CA_CERTS is read only at process start). */
const trust = (emulator: RunningAzureKvEmulator) => ({ tlsOptions: { ca: emulator.caPem } });

export function credentialFor(emulator: RunningAzureKvEmulator, setup: ClientSetup = {}): ClientSecretCredential {
  return new ClientSecretCredential(setup.tenantId ?? emulator.tenantId, emulator.clientId, setup.clientSecret ?? emulator.clientSecret, {
    authorityHost: emulator.authorityHost,
    disableInstanceDiscovery: true,
    retryOptions: retryOptions(setup),
    ...trust(emulator),
  });
}

/** A SecretClient as an adapter would build it for a vault that is not on *.vault.azure.net (spec §2.1). */
export function secretClient(emulator: RunningAzureKvEmulator, setup: ClientSetup = {}, credential: TokenCredential = credentialFor(emulator, setup)): SecretClient {
  return new SecretClient(emulator.url, credential, {
    disableChallengeResourceVerification: true,
    serviceVersion: setup.serviceVersion,
    retryOptions: retryOptions(setup),
    ...trust(emulator),
  });
}

/** Poll quickly: the SDK's pollers wait 2 s between polls by default. */
export const FAST_POLL = { intervalInMs: 10 };

/** What the SDK surfaces for a failed call: RestError (statusCode, code) or an identity error (name, message). */
export interface SdkFailure {
  name: string;
  message: string;
  statusCode?: number;
  code?: string;
  /** RestError: the parsed error body (`{error: {code, message, innerError}}`). */
  details?: unknown;
  response?: { headers: { get(name: string): string | undefined } };
}

export const failureOf = (call: Promise<unknown>): Promise<SdkFailure> => failureOfCall<SdkFailure>(call);

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
}

/** A plain HTTPS request trusting the emulator's CA, for wire details the SDK hides (headers, query spelling). */
export function rawRequest(emulator: RunningAzureKvEmulator, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca: emulator.caPem }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text === '' ? undefined : text;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

/** An access token from the emulator's authority, through the SDK's credential. */
export async function bearerFor(emulator: RunningAzureKvEmulator): Promise<Record<string, string>> {
  const token = await credentialFor(emulator).getToken('https://vault.azure.net/.default');
  return { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
}
