import { z } from 'zod';

const RULE = 'must be a map: a JSON object of strings, or k=v pairs';

/**
 * A map of strings sent as a JSON object, or as `k=v` pairs (a list or a comma string) like the CLI sends; OpenAPI
 * calls the format `kvpairs` (spec §2). Numbers and booleans become their text, as Vault's weak decoding does.
 */
export function keyValuePairsField(key: z.ZodType<string, string> = z.string(), value: z.ZodType<string> = z.string()) {
  return z.preprocess(toStringMap, z.record(key, value, { error: RULE }));
}

function toStringMap(value: unknown): unknown {
  if (typeof value === 'string') return fromPairs(value.split(',').map((pair) => pair.trim()).filter((pair) => pair !== ''));
  if (Array.isArray(value)) return value.every((pair) => typeof pair === 'string') ? fromPairs(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v]),
  );
}

/** `undefined` (refused with RULE) when a pair has no `=`. */
function fromPairs(pairs: string[]): Record<string, string> | undefined {
  const entries: [string, string][] = [];
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator < 0) return undefined;
    entries.push([pair.slice(0, separator).trim(), pair.slice(separator + 1).trim()]);
  }
  return Object.fromEntries(entries);
}
