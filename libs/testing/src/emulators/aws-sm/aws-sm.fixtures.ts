import { failureOf as failureOfCall } from '../core/failure-of';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import { AwsServiceError } from './aws-sm.errors';
import { AwsCredential } from './aws-sm.types';

/** Test helpers shared by the aws-sm suites: clients configured as a production adapter would. */

export const USER: AwsCredential = { accessKeyId: 'AKIAUSERTEST00000001', secretAccessKey: 'user-secret-key/000000000000000000000001', principalArn: 'arn:aws:iam::123456789012:user/sync' };
export const ROLE_ARN = 'arn:aws:iam::111122223333:role/vault-sync';
export const EXTERNAL_ID = '6d1a0c9e-1f2b-4c1e-9b77-0c5b5d0e7f11';

export interface ClientCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientOptions {
  region?: string;
  credentials?: ClientCredentials;
  /** 1 unless a test is about the SDK's own retries. */
  maxAttempts?: number;
  systemClockOffset?: number;
}

export function secretsClient(endpoint: string, options: ClientOptions = {}): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint,
    region: options.region ?? 'us-east-1',
    credentials: options.credentials ?? USER,
    maxAttempts: options.maxAttempts ?? 1,
    systemClockOffset: options.systemClockOffset,
  });
}

export function stsClient(endpoint: string, options: ClientOptions = {}): STSClient {
  return new STSClient({ endpoint, region: options.region ?? 'us-east-1', credentials: options.credentials ?? USER, maxAttempts: options.maxAttempts ?? 1 });
}

/** What the SDK surfaces for a failed call. */
export interface SdkFailure {
  name: string;
  message: string;
  $fault?: string;
  $metadata: { httpStatusCode?: number; attempts?: number };
}

export const failureOf = (call: Promise<unknown>): Promise<SdkFailure> => failureOfCall<SdkFailure>(call);

/** The AWS error code a pure (in-process) call throws. */
export function awsErrorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof AwsServiceError) return error.code;
    throw error;
  }
  throw new Error('expected an AWS error');
}
