/**
 * The emulator's notion of "now": secret timestamps, deletion windows, scheduled purges and token lifetimes.
 * Tests move it forward (an hour for token expiry, 90 days for a scheduled purge) instead of waiting.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds, the unit of every Key Vault and token timestamp. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
