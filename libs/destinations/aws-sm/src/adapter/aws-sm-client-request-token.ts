import { createHash } from 'node:crypto';

/**
 * A ClientRequestToken (32-64 characters) fixed by what the write means: the secret, the version it replaces
 * and the new value. A retried write sends the same token and AWS answers it as a no-op instead of stacking a
 * version (spec §1.2); writing A, B, then A again still makes a new version, because the base differs.
 */
export function clientRequestToken(name: string, baseVersionId: string | undefined, value: string): string {
  return createHash('sha256')
    .update(`${name}\0${baseVersionId ?? 'new'}\0`, 'utf8')
    .update(value, 'utf8')
    .digest('hex');
}
