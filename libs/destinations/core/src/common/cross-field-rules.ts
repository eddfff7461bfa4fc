import { z } from 'zod';

type Fields = Record<string, unknown>;
/** The part of zod's refinement context the rules need, so any object schema's context fits. */
type Context = Pick<z.core.$RefinementCtx, 'addIssue'>;

/** Given with a value: "" (a documented "unset"), an empty list or an empty map count as not given. */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** A problem that names its fields itself, reported as is (not prefixed with one field name). */
export function reportSentence(ctx: Context, field: string, sentence: string): void {
  ctx.addIssue({ code: 'custom', path: [field], message: sentence, params: { sentence: true } });
}

export function report(ctx: Context, field: string, rule: string): void {
  ctx.addIssue({ code: 'custom', path: [field], message: rule });
}

export function mutuallyExclusive(ctx: Context, fields: Fields, a: string, b: string): void {
  if (isSet(fields[a]) && isSet(fields[b])) reportSentence(ctx, a, `${a} and ${b} are mutually exclusive`);
}

/** `field` needs `needed`; `why` completes "requires <needed>". */
export function requires(ctx: Context, fields: Fields, field: string, needed: string, why = ''): void {
  if (isSet(fields[field]) && !isSet(fields[needed])) reportSentence(ctx, field, `${field} requires ${needed}${why}`);
}
