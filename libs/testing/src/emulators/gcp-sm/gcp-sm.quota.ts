import { status } from '@grpc/grpc-js';
import { GcpSmError } from './gcp-sm.errors';

const WRITES = new Set(['CreateSecret', 'UpdateSecret', 'DeleteSecret', 'AddSecretVersion', 'EnableSecretVersion', 'DisableSecretVersion', 'DestroySecretVersion', 'SetIamPolicy']);

/** The per-project quota an RPC draws on (spec §3.4): access, write, or read for everything else. */
export function quotaMetricOf(operation: string): 'Access requests' | 'Write requests' | 'Read requests' {
  if (operation === 'AccessSecretVersion') return 'Access requests';
  return WRITES.has(operation) ? 'Write requests' : 'Read requests';
}

/** RESOURCE_EXHAUSTED with the ErrorInfo RATE_LIMIT_EXCEEDED detail gax exposes as `reason` (spec §3.3). */
export function quotaExceeded(operation: string, project: string | undefined): GcpSmError {
  const metric = quotaMetricOf(operation);
  const limit = `${metric} per minute`;
  const consumer = `projects/${project ?? 'unknown'}`;
  return new GcpSmError(
    status.RESOURCE_EXHAUSTED,
    `Quota exceeded for quota metric '${metric}' and limit '${limit}' of service 'secretmanager.googleapis.com' for consumer '${consumer}'.`,
    {
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      metadata: { service: 'secretmanager.googleapis.com', quota_metric: `secretmanager.googleapis.com/${metric.split(' ')[0].toLowerCase()}_requests`, quota_limit: limit, consumer },
    },
  );
}
