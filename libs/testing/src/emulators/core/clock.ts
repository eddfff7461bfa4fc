import { CONTROL_PREFIX } from './control-routes';
import { Router } from './router';

/**
 * An emulator's notion of "now" for deletion windows, scheduled purges and credential lifetimes. Tests move it
 * forward instead of waiting days; signature timestamps stay checked against the real clock.
 */
export class EmulatorClock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Unix seconds. */
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

/** `POST /__emulator/clock {"advanceMs": n}`: moves the clock of an emulator run standalone. */
export function clockControl<C>(clock: EmulatorClock): Router<C> {
  return new Router<C>().add('POST', `${CONTROL_PREFIX}/clock`, 'control', (request) => {
    const { advanceMs } = JSON.parse(request.body.toString('utf8') || '{}') as { advanceMs?: unknown };
    if (typeof advanceMs !== 'number' || advanceMs < 0) return { status: 400, body: { error: 'advanceMs must be a non-negative number' } };
    clock.advance(advanceMs);
    return { status: 200, body: { nowMs: clock.now() } };
  });
}
