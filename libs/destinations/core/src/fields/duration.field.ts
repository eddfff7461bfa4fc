import { z } from 'zod';

const NANOSECONDS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3,
  'μs': 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  // Not Go, but Vault's parseutil.ParseDurationSecond accepts a day suffix.
  d: 86400e9,
};
const COMPONENT = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d)/y;
const RULE = 'must be a whole number of seconds or a Go duration such as "90s", "30m" or "1h"';

/** Seconds of a Go duration string (`"1h30m"`, `"1.5h"`), truncated like Vault does; undefined when it does not parse. */
export function parseGoDurationSeconds(text: string): number | undefined {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  if (body === '0') return 0;
  let nanoseconds = 0;
  let position = 0;
  while (position < body.length) {
    COMPONENT.lastIndex = position;
    const match = COMPONENT.exec(body);
    const unit = match?.[2] === undefined ? undefined : NANOSECONDS[match[2]];
    if (match === null || unit === undefined) return undefined;
    nanoseconds += Math.round(Number(match[1]) * unit);
    position = COMPONENT.lastIndex;
  }
  if (position === 0) return undefined;
  return sign * Math.trunc(nanoseconds / 1e9);
}

function toSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  return /^\d+$/.test(value) ? Number(value) : parseGoDurationSeconds(value);
}

/** A duration sent as an integer number of seconds or a Go duration string (spec §2); parsed to seconds. */
export const durationSecondsField = z.unknown().transform((value, ctx) => {
  const seconds = toSeconds(value);
  if (seconds === undefined || seconds < 0) {
    ctx.addIssue({ code: 'custom', message: seconds === undefined ? RULE : 'must not be negative' });
    return z.NEVER;
  }
  return seconds;
});
