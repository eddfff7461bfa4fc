import { createHash } from 'node:crypto';
import { RateLimitDomain } from '@vault-sync/domain';
import { GhAuth } from './gh-settings';

/**
 * GitHub's primary limit is 5,000 requests an hour per token (and at least that per app installation), about
 * 1.39/s; we plan at 1.3/s to leave room for the calls the runtime does not count (a public-key fetch after a
 * rotation, selected-repository lookups). See spec destination-protocols §4.6.
 */
export const GH_REQUESTS_PER_SECOND = 1.3;
/**
 * A small burst: the hourly budget alone would allow thousands at once, but the secondary limits (900 points a
 * minute per endpoint, a write costing 5; about 80 content-creating requests a minute) punish bursts of writes.
 * 20 calls is ten secret writes (inspect + PUT each).
 */
export const GH_BURST = 20;

/**
 * One budget per credential: `gh:token-<hash>` (a truncated SHA-256, so the key never carries the token) or
 * `gh:app-<name>-installation-<id>`. Every destination sharing a token shares its hourly budget, whichever
 * repository or organization it writes to.
 */
export function ghRateLimitDomain(auth: GhAuth): RateLimitDomain {
  const principal =
    auth.kind === 'token' ? `token-${createHash('sha256').update(auth.token).digest('hex').slice(0, 16)}` : `app-${auth.appName}-installation-${auth.installationId}`;
  return { key: `gh:${principal}`, requestsPerSecond: GH_REQUESTS_PER_SECOND, burst: GH_BURST };
}
