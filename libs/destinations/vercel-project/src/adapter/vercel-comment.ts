import { OwnershipMarks } from '@vault-sync/domain';

/**
 * Vercel has no tags: our ownership marks live in the variable's `comment` (spec §9), as
 * `managed by vault-sync; destination=<d>; source=<s>; owner=<o>`. Each mark is percent-encoded except for
 * `/`, so `;` and `=` inside a Vault path cannot break the parse while typical marks stay readable.
 */
export const COMMENT_PREFIX = 'managed by vault-sync';

const MARK_ORDER: (keyof OwnershipMarks)[] = ['destination', 'source', 'owner'];
const SEPARATOR = '; ';

const encodeMark = (mark: string) => encodeURIComponent(mark).replace(/%2F/g, '/');

function decodeMark(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

export function commentFor(marks: OwnershipMarks): string {
  return [COMMENT_PREFIX, ...MARK_ORDER.map((mark) => `${mark}=${encodeMark(marks[mark])}`)].join(SEPARATOR);
}

/** The marks a comment carries; empty for a comment vault-sync did not write. */
export function marksFromComment(comment: string | undefined): Partial<OwnershipMarks> {
  const [prefix, ...parts] = (comment ?? '').split(SEPARATOR);
  const marks: Partial<OwnershipMarks> = {};
  if (prefix !== COMMENT_PREFIX) return marks;
  for (const part of parts) {
    const at = part.indexOf('=');
    const mark = part.slice(0, at) as keyof OwnershipMarks;
    const value = decodeMark(part.slice(at + 1));
    if (at > 0 && MARK_ORDER.includes(mark) && value !== undefined) marks[mark] = value;
  }
  return marks;
}
