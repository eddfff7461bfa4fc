/**
 * The emulator's notion of "now" for deletion windows, access dates and credential expiry. Tests move it
 * forward instead of waiting days; SigV4 timestamps are still checked against the real clock.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
