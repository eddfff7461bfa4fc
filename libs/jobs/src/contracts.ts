import { createHash } from 'node:crypto';
import { DESTINATION_KINDS, DestinationKind } from '@vault-sync/domain';
import { z } from 'zod';

/**
 * The job contracts between services: queue names, job names and payload schemas, in one place.
 *
 * Payloads carry references (destination, mount accessor, secret path) and versions only. Secret values and
 * credentials never enter a job: BullMQ stores job data in clear text in Redis. Every schema is `strict`, so a
 * payload with any extra field is rejected at both ends.
 */

/** One queue per destination kind, so each worker app consumes only its own kind. */
export const SYNC_QUEUES: Record<DestinationKind, `sync-${DestinationKind}`> = {
  'aws-sm': 'sync-aws-sm',
  'azure-kv': 'sync-azure-kv',
  'gcp-sm': 'sync-gcp-sm',
  gh: 'sync-gh',
  'vercel-project': 'sync-vercel-project',
};

export type SyncQueueName = (typeof SYNC_QUEUES)[DestinationKind];

export const JobName = {
  SyncAssociation: 'SyncAssociation',
  UnsyncAssociation: 'UnsyncAssociation',
  PurgeDestination: 'PurgeDestination',
} as const;

export type JobName = (typeof JobName)[keyof typeof JobName];

/** What made a job exist; for logs and metrics only. */
export const JobTrigger = z.enum(['api', 'audit-device', 'poller', 'events', 'webhook', 'reconciler', 'retry']);

const destinationRef = z.strictObject({
  type: z.enum(DESTINATION_KINDS),
  name: z.string().min(1).max(256),
});

const associationRef = z.strictObject({
  destination: destinationRef,
  mountAccessor: z.string().min(1).max(256),
  secretPath: z.string().min(1).max(4096),
});

export const JobPayloads = {
  [JobName.SyncAssociation]: z.strictObject({
    association: associationRef,
    /** Association generation when the job was queued; a run of an older generation cannot settle the status. */
    generation: z.number().int().nonnegative(),
    /** The Vault version the trigger saw, if it knew one. The worker still reads the latest version at run time. */
    observedVersion: z.number().int().positive().optional(),
    trigger: JobTrigger,
  }),
  [JobName.UnsyncAssociation]: z.strictObject({
    association: associationRef,
    generation: z.number().int().nonnegative(),
    /** Delete the association record after a successful unsync (`associations/remove`, purge). */
    removeAssociation: z.boolean(),
    trigger: JobTrigger,
  }),
  [JobName.PurgeDestination]: z.strictObject({
    destination: destinationRef,
  }),
} satisfies Record<JobName, z.ZodType>;

export type PayloadOf<J extends JobName> = z.infer<(typeof JobPayloads)[J]>;

/** A validated job as a handler receives it: the name narrows the payload. */
export type JobOf<J extends JobName = JobName> = { [N in J]: { name: N; payload: PayloadOf<N> } }[J];

/** Consume-side check. A payload that does not parse is a contract violation: fail the job without retries. */
export function parsePayload<J extends JobName>(name: J, data: unknown): PayloadOf<J> {
  return JobPayloads[name].parse(data) as PayloadOf<J>;
}

/**
 * Deterministic BullMQ job id per association and operation, for deduplication. Secret paths may contain `:`,
 * which BullMQ reserves in ids, so the id is a digest.
 */
export function associationJobId(kind: 'sync' | 'unsync', ref: z.infer<typeof associationRef>): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([ref.destination.type, ref.destination.name, ref.mountAccessor, ref.secretPath]))
    .digest('hex')
    .slice(0, 32);
  return `${kind}-${digest}`;
}
