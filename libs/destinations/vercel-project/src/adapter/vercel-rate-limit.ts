import { createHash } from 'node:crypto';
import { RateLimitDomain } from '@vault-sync/domain';
import { VercelProjectSettings } from './vercel-settings';

/**
 * Vercel publishes no per-endpoint limits; community figures are 100-200 env-var requests a minute (spec §5.4 [U]).
 * We plan at 2 requests/s and let 429s (which slow the governor down) correct it.
 */
export const VERCEL_REQUESTS_PER_SECOND = 2;
export const VERCEL_BURST = 10;

/**
 * Limits are per account (spec §5.4): a team's projects share the team's budget, whichever token calls; a personal
 * project spends its user's budget, known offline only through the token, so it is keyed by a hash of the token
 * (never the token itself).
 */
export function vercelRateLimitDomain(settings: VercelProjectSettings): RateLimitDomain {
  const account = settings.teamId ? `team-${settings.teamId}` : `token-${createHash('sha256').update(settings.accessToken).digest('hex').slice(0, 16)}`;
  return { key: `vercel-project:${account}`, requestsPerSecond: VERCEL_REQUESTS_PER_SECOND, burst: VERCEL_BURST };
}
