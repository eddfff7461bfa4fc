import { z } from 'zod';

/**
 * A list sent as a JSON array or as one comma-separated string: Vault's field parser takes both (spec §2).
 * Items of a comma string are trimmed and empty ones (stray commas) dropped; repeated items are kept once.
 */
export function listField<T extends z.ZodType>(item: T) {
  return z.preprocess(splitCommaString, z.array(item).transform(uniqueItems));
}

function splitCommaString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function uniqueItems<T>(items: T[]): T[] {
  return [...new Set(items)];
}
