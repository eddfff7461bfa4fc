import { RateLimitDomain } from '@vault-sync/domain';
import { GcpSmSettings } from './gcp-sm-settings';

/**
 * Secret Manager's quotas are per project and per minute (spec §3.4): 90,000 access, 600 read and 600 write
 * requests. A sync spends write requests (CreateSecret, AddSecretVersion, UpdateSecret, DeleteSecret), so the
 * write quota is the budget: 10 a second. The GetSecret of each inspect draws on the separate read quota of the
 * same size, so counting it against this budget too errs on the safe side.
 */
export const GCP_SM_WRITES_PER_SECOND = 10;
/** Twenty calls: ten secret writes (inspect + write) at once, well inside a minute's 600. */
export const GCP_SM_BURST = 20;

/**
 * The budget key `gcp-sm:project-<id>`: every destination writing into one project shares its quota, whatever
 * credentials it uses. Without a project id (Application Default Credentials decide it) all such destinations of
 * a worker share `gcp-sm:default-project`.
 */
export function gcpSmRateLimitDomain(settings: GcpSmSettings): RateLimitDomain {
  const project = settings.projectId === undefined ? 'default-project' : `project-${settings.projectId}`;
  return { key: `gcp-sm:${project}`, requestsPerSecond: GCP_SM_WRITES_PER_SECOND, burst: GCP_SM_BURST };
}
