import { createHash } from 'node:crypto';
import { DesiredObject, OwnershipMarks } from '@vault-sync/domain';

export interface AwsTag {
  Key: string;
  Value: string;
}

/** Vault's built-in tag (spec §9): IAM policies test `secretsmanager:ResourceTag/hashicorp:vault` against "". */
export const BUILT_IN_TAG: AwsTag = { Key: 'hashicorp:vault', Value: '' };

/** Our ownership marks as tag keys. */
export const MARK_TAG_KEYS: Readonly<Record<keyof OwnershipMarks, string>> = {
  destination: 'vault-sync:destination',
  source: 'vault-sync:source',
  owner: 'vault-sync:owner',
};

/** Keys AWS reserves; they can be neither set nor removed by us. */
const RESERVED_PREFIX = 'aws:';
const TAG_VALUE_MAX = 256;
const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
// Base64's alphabet (letters, digits, + / =) is within the tag character set, so any mark round-trips.
const BASE64_PREFIX = 'base64:';
const HASH_PREFIX = 'sha256:';

/**
 * A mark as a tag value. Kept readable when AWS accepts it; base64 when it holds other characters; a hash when
 * even that exceeds 256 characters. A hashed mark cannot be read back, so such an object never counts as ours.
 */
export function encodeMarkValue(mark: string): string {
  const readable = TAG_VALUE_PATTERN.test(mark) && !mark.startsWith(BASE64_PREFIX) && !mark.startsWith(HASH_PREFIX);
  if (readable && mark.length <= TAG_VALUE_MAX) return mark;
  const encoded = BASE64_PREFIX + Buffer.from(mark, 'utf8').toString('base64');
  if (encoded.length <= TAG_VALUE_MAX) return encoded;
  return HASH_PREFIX + createHash('sha256').update(mark, 'utf8').digest('hex');
}

export function decodeMarkValue(value: string): string {
  return value.startsWith(BASE64_PREFIX) ? Buffer.from(value.slice(BASE64_PREFIX.length), 'base64').toString('utf8') : value;
}

/** Custom tags first, so a custom tag can never impersonate the built-in tag or an ownership mark. */
export function desiredTags(object: Pick<DesiredObject, 'marks' | 'customTags'>): AwsTag[] {
  const tags = new Map(Object.entries(object.customTags));
  tags.set(BUILT_IN_TAG.Key, BUILT_IN_TAG.Value);
  for (const [mark, key] of Object.entries(MARK_TAG_KEYS) as [keyof OwnershipMarks, string][]) {
    tags.set(key, encodeMarkValue(object.marks[mark]));
  }
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

/** The ownership marks found on a secret; empty for a secret nobody marked. */
export function marksFromTags(tags: readonly AwsTag[]): Partial<OwnershipMarks> {
  const marks: Partial<OwnershipMarks> = {};
  for (const [mark, key] of Object.entries(MARK_TAG_KEYS) as [keyof OwnershipMarks, string][]) {
    const tag = tags.find((t) => t.Key === key);
    if (tag !== undefined) marks[mark] = decodeMarkValue(tag.Value);
  }
  return marks;
}

export interface TagChanges {
  /** Tags to add or overwrite (TagResource). */
  set: AwsTag[];
  /** Keys to drop (UntagResource). */
  remove: string[];
}

/**
 * The tags of a secret we own are ours to manage, like Terraform's `tags`: a custom tag dropped from the
 * destination is dropped from its secrets. Only AWS's reserved `aws:` keys are left alone.
 */
export function tagChanges(current: readonly AwsTag[], desired: readonly AwsTag[]): TagChanges {
  const currentValues = new Map(current.map((t) => [t.Key, t.Value]));
  const desiredKeys = new Set(desired.map((t) => t.Key));
  return {
    set: desired.filter((t) => currentValues.get(t.Key) !== t.Value),
    remove: current.map((t) => t.Key).filter((key) => !desiredKeys.has(key) && !key.startsWith(RESERVED_PREFIX)),
  };
}
