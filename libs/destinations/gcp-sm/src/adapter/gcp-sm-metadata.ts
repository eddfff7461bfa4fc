import { DesiredObject, OwnershipMarks } from '@vault-sync/domain';

/**
 * Where a secret carries what (spec vault-sync-api §9, destination-protocols §3.2). Labels are lowercase, without
 * `:` or `/`, at most 63 characters: they hold Vault's built-in marker, the installation (for IAM conditions and
 * `labels.vault-sync-owner=…` list filters) and the custom tags. The exact ownership marks, which need `/`,
 * uppercase and length, live in annotations, whose values are free-form; they are what inspect reads back.
 */
export const BUILT_IN_LABEL = 'hashicorp-vault';
export const OWNER_LABEL = 'vault-sync-owner';

export const MARK_ANNOTATION_KEYS: Readonly<Record<keyof OwnershipMarks, string>> = {
  destination: 'vault-sync.destination',
  source: 'vault-sync.source',
  owner: 'vault-sync.owner',
};

export type StringMap = Readonly<Record<string, string>>;

export interface SecretMetadata {
  labels: StringMap;
  annotations: StringMap;
}

const LABEL_MAX = 63;
const NOT_LABEL_CHARACTER = /[^\p{Ll}\p{Lo}\p{N}_-]/gu;
const LABEL_KEY_START = /^[\p{Ll}\p{Lo}]/u;
/** Put before a custom tag key that does not start with a lowercase letter, as label keys must. */
const KEY_PREFIX = 't_';

/** A string as a label value: lowercased, every other character `_`, cut to 63 characters. */
export function labelValue(value: string): string {
  return [...value.toLowerCase().replace(NOT_LABEL_CHARACTER, '_')].slice(0, LABEL_MAX).join('');
}

/** A custom tag key as a label key: as a value, starting with a lowercase letter. */
export function labelKey(key: string): string {
  const value = labelValue(key);
  return LABEL_KEY_START.test(value) ? value : labelValue(KEY_PREFIX + value);
}

/** Custom tags first, so that a custom tag can never impersonate the built-in marker or the owner label. */
export function desiredLabels(object: Pick<DesiredObject, 'marks' | 'customTags'>): StringMap {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(object.customTags)) labels[labelKey(key)] = labelValue(value);
  labels[BUILT_IN_LABEL] = '';
  labels[OWNER_LABEL] = labelValue(object.marks.owner);
  return labels;
}

export function desiredAnnotations(marks: OwnershipMarks): StringMap {
  const annotations: Record<string, string> = {};
  for (const [mark, key] of Object.entries(MARK_ANNOTATION_KEYS) as [keyof OwnershipMarks, string][]) annotations[key] = marks[mark];
  return annotations;
}

export function desiredMetadata(object: Pick<DesiredObject, 'marks' | 'customTags'>): SecretMetadata {
  return { labels: desiredLabels(object), annotations: desiredAnnotations(object.marks) };
}

/** The ownership marks found on a secret; empty for a secret nobody marked. */
export function marksFromAnnotations(annotations: StringMap): Partial<OwnershipMarks> {
  const marks: Partial<OwnershipMarks> = {};
  for (const [mark, key] of Object.entries(MARK_ANNOTATION_KEYS) as [keyof OwnershipMarks, string][]) {
    if (annotations[key] !== undefined) marks[mark] = annotations[key];
  }
  return marks;
}

function sameMap(a: StringMap, b: StringMap): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

/**
 * The metadata an UpdateSecret must set, or undefined when nothing changed. The labels of a secret we own are
 * ours to manage, as AWS tags are: a custom tag dropped from the destination is dropped from its secrets.
 * Annotations are merged: other tools' annotations stay, ours are set.
 */
export function metadataUpdate(current: SecretMetadata, desired: SecretMetadata): SecretMetadata | undefined {
  const annotations = { ...current.annotations, ...desired.annotations };
  if (sameMap(current.labels, desired.labels) && sameMap(current.annotations, annotations)) return undefined;
  return { labels: desired.labels, annotations };
}
