import { FaultSpec, RateLimitSpec } from './control';

export type Admission =
  | { kind: 'proceed'; latencyMs: number }
  | { kind: 'fault'; latencyMs: number; status?: number; connectionReset: boolean }
  | { kind: 'throttled'; limit: number; remaining: 0; resetAtMs: number; retryAfterMs: number };

interface ActiveFault extends FaultSpec {
  remaining: number;
  expiresAtMs: number;
}

/**
 * Decides, per request, whether an emulator proceeds, fails on purpose or throttles, and counts requests.
 * Each emulator turns a fault or throttle into its own wire format.
 */
export class TrafficPolicy {
  private faults: ActiveFault[] = [];
  private limit: RateLimitSpec | undefined;
  private window = { startMs: 0, used: 0 };
  private counts: Record<string, number> = {};

  constructor(private readonly now: () => number = Date.now) {}

  injectFault(fault: FaultSpec): void {
    this.faults.push({
      ...fault,
      remaining: fault.count ?? Number.POSITIVE_INFINITY,
      expiresAtMs: fault.durationMs === undefined ? Number.POSITIVE_INFINITY : this.now() + fault.durationMs,
    });
  }

  clearFaults(): void {
    this.faults = [];
  }

  setRateLimit(limit: RateLimitSpec | undefined): void {
    this.limit = limit;
    this.window = { startMs: this.now(), used: 0 };
  }

  requestCounts(): Record<string, number> {
    return { ...this.counts };
  }

  reset(): void {
    this.clearFaults();
    this.setRateLimit(undefined);
    this.counts = {};
  }

  /** Call once per request, before handling it. */
  admit(operation: string): Admission {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    const throttled = this.consumeRateLimit(operation);
    if (throttled) return throttled;
    const fault = this.takeFault(operation);
    if (!fault) return { kind: 'proceed', latencyMs: 0 };
    const latencyMs = fault.latencyMs ?? 0;
    if (fault.status === undefined && !fault.connectionReset) return { kind: 'proceed', latencyMs };
    return { kind: 'fault', latencyMs, status: fault.status, connectionReset: fault.connectionReset ?? false };
  }

  private takeFault(operation: string): ActiveFault | undefined {
    const now = this.now();
    this.faults = this.faults.filter((f) => f.remaining > 0 && f.expiresAtMs > now);
    const fault = this.faults.find((f) => f.operation === undefined || f.operation === operation);
    if (fault) fault.remaining -= 1;
    return fault;
  }

  private consumeRateLimit(operation: string): Admission | undefined {
    const limit = this.limit;
    if (!limit || (limit.operation !== undefined && limit.operation !== operation)) return undefined;
    const now = this.now();
    if (now - this.window.startMs >= limit.windowMs) this.window = { startMs: now, used: 0 };
    if (this.window.used < limit.limit) {
      this.window.used += 1;
      return undefined;
    }
    const resetAtMs = this.window.startMs + limit.windowMs;
    return { kind: 'throttled', limit: limit.limit, remaining: 0, resetAtMs, retryAfterMs: Math.max(0, resetAtMs - now) };
  }
}
