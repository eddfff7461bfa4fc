import { isPlainObject } from './vault.go-json';

/** RFC 7396 JSON merge patch, as KV v2 `PATCH data/<path>` applies it: `null` removes a key, objects merge. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = mergePatch(merged[key], value);
  }
  return merged;
}
