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
export type JobTrigger = z.infer<typeof JobTrigger>;

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
    /**
     * Association generation when the job was queued; a run of an older generation cannot settle the status.
     * Jobs of one association coalesce (`SyncJobProducer`), so a job may absorb later queue events: a handler
     * runs for the generation it reads when the run starts, which is never lower than this one.
     */
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

/** The association a sync or unsync job addresses. */
export type AssociationJobRef = PayloadOf<typeof JobName.SyncAssociation>['association'];
/** The destination a purge job addresses. */
export type DestinationJobRef = PayloadOf<typeof JobName.PurgeDestination>['destination'];

export function isJobName(value: string): value is JobName {
  return Object.hasOwn(JobPayloads, value);
}

/** A validated job as a handler receives it: the name narrows the payload. */
export type JobOf<J extends JobName = JobName> = { [N in J]: { name: N; payload: PayloadOf<N> } }[J];

/** Consume-side check. A payload that does not parse is a contract violation: fail the job without retries. */
export function parsePayload<J extends JobName>(name: J, data: unknown): PayloadOf<J> {
  return JobPayloads[name].parse(data) as PayloadOf<J>;
}

/**
 * Deterministic id per association and operation, used as the BullMQ deduplication id (`SyncJobProducer`).
 * Secret paths may contain `:`, which BullMQ reserves in ids, so the id is a digest.
 */
export function associationJobId(kind: 'sync' | 'unsync', ref: AssociationJobRef): string {
  return `${kind}-${digestOf([ref.destination.type, ref.destination.name, ref.mountAccessor, ref.secretPath])}`;
}

/** Deterministic id of a destination's purge, on the same terms as {@link associationJobId}. */
export function purgeJobId(ref: DestinationJobRef): string {
  return `purge-${digestOf([ref.type, ref.name])}`;
}

/** A JSON tuple, so ("a/b","c") and ("a","b/c") digest differently. */
function digestOf(parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
