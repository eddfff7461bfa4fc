import { z } from 'zod';

/** A format a string field must follow, and how the error says it (never echoing the value). */
export interface TextFormat {
  readonly test: (value: string) => boolean;
  readonly rule: string;
}

export function matching(pattern: RegExp, rule: string): TextFormat {
  return { test: (value) => pattern.test(value), rule };
}

/** An optional string where "" means unset, which is how Vault documents most defaults (spec §4). */
export function optionalText(format?: TextFormat) {
  const text = z.string();
  return (format === undefined ? text : text.refine((value) => value === '' || format.test(value), format.rule)).optional();
}

/** A string that must be given on create, and not be empty. */
export function requiredText(format?: TextFormat) {
  const text = z.string().min(1, 'is required');
  // "" already failed `min`; saying it is also malformed would only add noise.
  return format === undefined ? text : text.refine((value) => value === '' || format.test(value), format.rule);
}

/** An absolute URL with one of `protocols` and a host. */
export function urlFormat(protocols: readonly ('http' | 'https')[]): TextFormat {
  return {
    test: (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return url.hostname !== '' && protocols.some((protocol) => url.protocol === `${protocol}:`);
    },
    rule: `must be an ${protocols.join(' or ')} URL`,
  };
}
