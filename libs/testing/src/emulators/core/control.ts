/** The control surface every emulator shares, in process and over HTTP (`/__emulator/*`). */

export interface FaultSpec {
  /** Only requests of this operation (e.g. `CreateSecret`, `PUT repo secret`); every operation when omitted. */
  operation?: string;
  /** Answer with this HTTP status (or, for gRPC emulators, the HTTP-equivalent status). */
  status?: number;
  /** Delay before handling (or before failing with `status`). */
  latencyMs?: number;
  /** Destroy the connection without an answer. */
  connectionReset?: boolean;
  /** Affect this many requests; unbounded when omitted (then use `durationMs` or clear). */
  count?: number;
  /** Stop after this long. */
  durationMs?: number;
}

export interface RateLimitSpec {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Limit only this operation; all requests share one budget when omitted. */
  operation?: string;
}

export interface EmulatorControl {
  /** The emulator's full state, as plain JSON (values included: this is a test double). */
  state(): unknown;
  /** Back to the empty initial state; faults, limits and counters cleared. */
  reset(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  setRateLimit(limit: RateLimitSpec | undefined): void;
  /** Requests received per operation since the last reset, including failed and throttled ones. */
  requestCounts(): Record<string, number>;
}

export interface RunningEmulator {
  kind: string;
  /** Base URL clients use (for gRPC: `host:port`). */
  url: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
}
