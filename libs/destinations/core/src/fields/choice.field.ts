import { z } from 'zod';

/**
 * One of `values`; "" counts as not given (falls back to `fallback` when there is one). With `ignoreCase`, a
 * differently cased spelling is accepted and stored in its canonical form.
 */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, options: { ignoreCase?: boolean } = {}) {
  return z.preprocess((value) => canonical(values, value, options.ignoreCase ?? false), z.enum(values).optional());
}

export function choiceFieldWithDefault<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
  options: { ignoreCase?: boolean } = {},
) {
  return z.preprocess((value) => canonical(values, value, options.ignoreCase ?? false) ?? fallback, z.enum(values));
}

function canonical(values: readonly string[], value: unknown, ignoreCase: boolean): unknown {
  if (value === '' || value === undefined) return undefined;
  if (!ignoreCase || typeof value !== 'string') return value;
  return values.find((candidate) => candidate.toLowerCase() === value.toLowerCase()) ?? value;
}
