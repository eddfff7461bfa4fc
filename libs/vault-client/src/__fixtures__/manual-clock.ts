import { Clock } from '../clock';

/** Lets promises started by a timer task (fake fetch, JSON parsing) settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A clock that moves only when told to: sleeps return at once (and are recorded), timers fire on `advance`. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];
  private nowMs = 1_000_000;
  private timers: { atMs: number; task: () => void }[] = [];

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms;
    return Promise.resolve();
  }

  schedule(task: () => void, ms: number): () => void {
    const timer = { atMs: this.nowMs + ms, task };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Due times of the timers still pending, relative to now. */
  pendingInMs(): number[] {
    return this.timers.map((timer) => timer.atMs - this.nowMs).sort((a, b) => a - b);
  }

  /** Moves time forward without running timers, as when the process was suspended. */
  jump(ms: number): void {
    this.nowMs += ms;
  }

  /** Moves time forward, running each timer that falls due, in order, and letting its work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.nowMs + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.atMs <= target).sort((a, b) => a.atMs - b.atMs)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.nowMs = next.atMs;
      next.task();
      await settle();
    }
    this.nowMs = target;
  }
}
