import { JobTrigger } from '@vault-sync/jobs';

/**
 * "This secret may have changed": all fan-out needs to queue its associations. Feeds that know more (the
 * operation, the request id) reduce to this; the webhook starts here.
 */
export interface SecretChangeNotice {
  mountAccessor: string;
  secretPath: string;
  /** The version the feed saw created, if it saw one; the worker still reads the latest at run time. */
  observedVersion?: number;
  trigger: JobTrigger;
}
