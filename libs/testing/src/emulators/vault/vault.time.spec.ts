import { formatDuration, formatTimestamp, parseDuration, VaultClock } from './vault.time';

const SECOND = 1_000_000_000n;

describe('Vault time formats', () => {
  it('formats timestamps like Go RFC3339Nano in UTC, trimming trailing zeros of the fraction', () => {
    expect(formatTimestamp(1_762_251_322_481_937_204n)).toBe('2025-11-04T10:15:22.481937204Z');
    expect(formatTimestamp(1_762_251_322_480_000_000n)).toBe('2025-11-04T10:15:22.48Z');
    expect(formatTimestamp(1_762_251_322n * SECOND)).toBe('2025-11-04T10:15:22Z');
    expect(formatTimestamp(0n)).toBe('1970-01-01T00:00:00Z');
  });

  it('parses Go durations and whole seconds', () => {
    expect(parseDuration('1h30m')).toBe(5400n * SECOND);
    expect(parseDuration('1.5s')).toBe(1_500_000_000n);
    expect(parseDuration('300ms')).toBe(300_000_000n);
    expect(parseDuration('2µs')).toBe(2_000n);
    expect(parseDuration('-1s')).toBe(-SECOND);
    expect(parseDuration(90)).toBe(90n * SECOND);
    expect(parseDuration('90')).toBe(90n * SECOND);
    expect(parseDuration('')).toBe(0n);
    expect(parseDuration('1 hour')).toBeUndefined();
    expect(parseDuration('h')).toBeUndefined();
    expect(parseDuration(1.5)).toBeUndefined();
  });

  it('formats durations like Go time.Duration.String()', () => {
    expect(formatDuration(0n)).toBe('0s');
    expect(formatDuration(3600n * SECOND)).toBe('1h0m0s');
    expect(formatDuration(12_319n * SECOND)).toBe('3h25m19s');
    expect(formatDuration(90n * SECOND)).toBe('1m30s');
    expect(formatDuration(1_500_000_000n)).toBe('1.5s');
    expect(formatDuration(300_000_000n)).toBe('300ms');
    expect(formatDuration(2_000n)).toBe('2µs');
    expect(formatDuration(7n)).toBe('7ns');
    expect(formatDuration(-SECOND)).toBe('-1s');
  });

  it('moves its clock forward on request and back on reset', () => {
    const clock = new VaultClock();
    const before = clock.nowNs();
    clock.advance(3_600_000);
    expect(clock.nowNs() - before).toBeGreaterThanOrEqual(3600n * SECOND);
    clock.reset();
    expect(clock.nowNs() - before).toBeLessThan(3600n * SECOND);
  });
});
