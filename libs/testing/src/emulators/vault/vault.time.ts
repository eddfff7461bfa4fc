/** Time as Vault shows it: nanosecond timestamps in RFC 3339 and Go duration strings. */

const NS_PER_MS = 1_000_000n;
const NS_PER_SECOND = 1_000_000_000n;

/**
 * The emulator's "now", in nanoseconds since the epoch. Tests move it forward (`delete_version_after`
 * expiry, token TTLs) instead of waiting; the nanosecond part keeps successive stamps distinct like Go's.
 */
export class VaultClock {
  private readonly wallAnchorNs = BigInt(Date.now()) * NS_PER_MS;
  private readonly monotonicAnchorNs = process.hrtime.bigint();
  private offsetNs = 0n;

  nowNs(): bigint {
    return this.wallAnchorNs + (process.hrtime.bigint() - this.monotonicAnchorNs) + this.offsetNs;
  }

  advance(ms: number): void {
    this.offsetNs += BigInt(Math.round(ms)) * NS_PER_MS;
  }

  reset(): void {
    this.offsetNs = 0n;
  }
}

/** Go's `time.RFC3339Nano` in UTC: trailing zeros of the fraction dropped, no fraction when it is zero. */
export function formatTimestamp(ns: bigint): string {
  const seconds = ns / NS_PER_SECOND;
  const fraction = (ns % NS_PER_SECOND).toString().padStart(9, '0').replace(/0+$/, '');
  const whole = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}Z`;
}

/** Whole seconds since the epoch, as Vault's `creation_time` and `server_time_utc`. */
export const unixSeconds = (ns: bigint): number => Number(ns / NS_PER_SECOND);

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: NS_PER_MS,
  s: NS_PER_SECOND,
  m: 60n * NS_PER_SECOND,
  h: 3600n * NS_PER_SECOND,
};

/**
 * A Vault duration field: a Go duration string (`"1h30m"`, `"1.5s"`) or a whole number of seconds, given as a
 * number or a numeric string (spec vault-sync-api §2). Returns nanoseconds, or `undefined` when malformed.
 */
export function parseDuration(input: unknown): bigint | undefined {
  if (typeof input === 'number') return Number.isInteger(input) ? BigInt(input) * NS_PER_SECOND : undefined;
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (text === '') return 0n;
  if (/^-?\d+$/.test(text)) return BigInt(text) * NS_PER_SECOND;
  const match = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!match) return undefined;
  let total = 0n;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    const [whole, fraction = ''] = amount.split('.');
    const scale = UNIT_NS[unit];
    total += BigInt(whole || '0') * scale;
    if (fraction) total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
  }
  return match[1] === '-' ? -total : total;
}

/** Go's `time.Duration.String()`: `"0s"`, `"1.5s"`, `"1h0m0s"`, `"500ms"`, `"2µs"`. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  if (ns < 0n) return `-${formatDuration(-ns)}`;
  if (ns < NS_PER_SECOND) {
    const [unit, scale] = ns < 1_000n ? ['ns', 1n] : ns < NS_PER_MS ? ['µs', 1_000n] : ['ms', NS_PER_MS];
    return `${decimal(ns, scale)}${unit}`;
  }
  const hours = ns / UNIT_NS['h'];
  const minutes = (ns % UNIT_NS['h']) / UNIT_NS['m'];
  const seconds = decimal(ns % UNIT_NS['m'], NS_PER_SECOND);
  if (hours > 0n) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function decimal(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const digits = scale.toString().length - 1;
  const fraction = digits === 0 ? '' : (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
