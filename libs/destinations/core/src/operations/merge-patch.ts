import { commonFieldsSchema } from '../common/common-fields.schema';
import { keyValuePairsField } from '../fields/key-value-pairs.field';
import { RequestFields, isPlainObject } from './request-body';

const customTagsField = keyValuePairsField();

/**
 * PATCH (spec §3.5): a JSON merge patch (RFC 7396) over the stored fields. `null` removes a field, which brings back
 * its default; other values replace the stored one, maps included, except `custom_tags`, which merge key by key
 * (a null tag value removes that tag). Then `tags_to_remove` deletes tag keys. Malformed values are left in place
 * for validation to report.
 */
export function applyMergePatch(stored: RequestFields, patch: RequestFields): RequestFields {
  const merged: RequestFields = { ...stored };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete merged[field];
    else merged[field] = field === 'custom_tags' ? mergeTags(stored['custom_tags'], value) : value;
  }
  return removeTags(merged);
}

function mergeTags(stored: unknown, patch: unknown): unknown {
  const tags = isPlainObject(stored) ? stored : {};
  if (isPlainObject(patch)) {
    const merged = { ...tags };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    return merged;
  }
  const pairs = customTagsField.safeParse(patch);
  return pairs.success ? { ...tags, ...pairs.data } : patch;
}

function removeTags(fields: RequestFields): RequestFields {
  const removal = commonFieldsSchema.shape.tags_to_remove.safeParse(fields['tags_to_remove']);
  const tags = fields['custom_tags'];
  if (!removal.success || removal.data === undefined || !isPlainObject(tags)) return fields;
  const keys = removal.data;
  return { ...fields, custom_tags: Object.fromEntries(Object.entries(tags).filter(([key]) => !keys.includes(key))) };
}
