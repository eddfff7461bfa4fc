import { ExistingObject } from '@vault-sync/domain';
import { COMMENT_PREFIX, marksFromComment } from './vercel-comment';
import { VercelEnv } from './vercel-env-api';
import { VercelTarget } from './vercel-settings';

/**
 * The port's view of an external name: the env records holding that key in any of our targets (those a write of
 * ours would clash with), carried along so that a write or remove right after an inspect lists nothing again.
 * Records for other targets, git branches or custom environments are someone else's scope and never touched.
 */
export interface VercelExistingEnv extends ExistingObject {
  vercel: { records: VercelEnv[] };
}

export function holdsKeyIn(env: VercelEnv, key: string, targets: readonly VercelTarget[]): boolean {
  return env.key === key && !env.gitBranch && env.target.some((target) => targets.includes(target));
}

/**
 * One record is the usual case. Several (another tool's per-target variables) count as ours only if they all carry
 * the same marks; otherwise the object has no marks and the runtime refuses it unless `adopt_existing`.
 */
export function existingEnvOf(name: string, records: VercelEnv[]): VercelExistingEnv | undefined {
  if (records.length === 0) return undefined;
  const ordered = [...records].sort((a, b) => Number((b.comment ?? '').startsWith(COMMENT_PREFIX)) - Number((a.comment ?? '').startsWith(COMMENT_PREFIX)));
  const agreed = ordered.every((record) => record.comment === ordered[0].comment);
  return {
    name,
    externalId: ordered[0].id,
    marks: agreed ? marksFromComment(ordered[0].comment ?? undefined) : {},
    pendingDeletion: false,
    vercel: { records: ordered },
  };
}

export function recordsOf(existing: ExistingObject): VercelEnv[] | undefined {
  return (existing as Partial<VercelExistingEnv>).vercel?.records;
}
