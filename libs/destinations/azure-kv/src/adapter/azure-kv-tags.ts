import { createHash } from 'node:crypto';
import { DesiredObject, OwnershipMarks } from '@vault-sync/domain';

/** Vault's built-in tag (spec §9), kept under its documented key for policies written against Vault. */
export const BUILT_IN_TAG_KEY = 'hashicorp:vault';

/**
 * Our ownership marks as tag keys. Hyphens rather than AWS's `vault-sync:` prefix: they are valid in every Azure
 * tag dialect (Key Vault object tags and ARM resource tags alike), so tooling that copies tags never trips on them.
 */
export const MARK_TAG_KEYS: Readonly<Record<keyof OwnershipMarks, string>> = {
  destination: 'vault-sync-destination',
  source: 'vault-sync-source',
  owner: 'vault-sync-owner',
};

/** Key Vault tag values hold at most 256 characters (spec vault-sync-api §4.2). */
const TAG_VALUE_MAX = 256;
const HASH_PREFIX = 'sha256:';

/**
 * A mark as a tag value: as is when it fits, else a hash. A hashed mark cannot be read back, so such an object
 * never counts as ours (the ledger-less ownership check then refuses it rather than guessing).
 */
export function encodeMarkValue(mark: string): string {
  if (mark.length <= TAG_VALUE_MAX && !mark.startsWith(HASH_PREFIX)) return mark;
  return HASH_PREFIX + createHash('sha256').update(mark, 'utf8').digest('hex');
}

/**
 * The tags of a version we write. Custom tags first, so one can never impersonate the built-in tag or a mark.
 * Tags belong to the version (spec §2.3): every PUT carries the full set, so dropped custom tags disappear.
 */
export function desiredTags(object: Pick<DesiredObject, 'marks' | 'customTags'>): Record<string, string> {
  const tags: Record<string, string> = { ...object.customTags, [BUILT_IN_TAG_KEY]: '' };
  for (const [mark, key] of Object.entries(MARK_TAG_KEYS) as [keyof OwnershipMarks, string][]) {
    tags[key] = encodeMarkValue(object.marks[mark]);
  }
  return tags;
}

/** The ownership marks found on a secret; empty for a secret nobody marked. */
export function marksFromTags(tags: Readonly<Record<string, string>> | undefined): Partial<OwnershipMarks> {
  const marks: Partial<OwnershipMarks> = {};
  for (const [mark, key] of Object.entries(MARK_TAG_KEYS) as [keyof OwnershipMarks, string][]) {
    const value = tags?.[key];
    if (value !== undefined) marks[mark] = value;
  }
  return marks;
}
