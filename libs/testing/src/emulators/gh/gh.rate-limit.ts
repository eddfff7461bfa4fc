import { GhRateLimits } from './gh.types';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** What the `x-ratelimit-*` headers report for one credential. */
export interface RateSnapshot {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds when the window starts over. */
  reset: number;
}

export type RateVerdict =
  | { kind: 'allowed'; snapshot: RateSnapshot }
  | { kind: 'primary'; snapshot: RateSnapshot; status: 403 | 429 }
  | { kind: 'secondary'; snapshot: RateSnapshot; status: 403 | 429; retryAfterSeconds: number };

interface Window {
  startMs: number;
  spent: number;
}

type Settings = Required<NonNullable<GhRateLimits['primary']>> & { secondary: Required<NonNullable<GhRateLimits['secondary']>> };

/** GitHub's published numbers (spec §4.6): 5,000/h per token, 60/h unauthenticated, 900 points/min. */
function settingsOf(limits: GhRateLimits): Settings {
  return {
    limit: limits.primary?.limit ?? 5_000,
    unauthenticatedLimit: limits.primary?.unauthenticatedLimit ?? 60,
    windowMs: limits.primary?.windowMs ?? HOUR_MS,
    status: limits.primary?.status ?? 403,
    secondary: { points: limits.secondary?.points ?? 900, windowMs: limits.secondary?.windowMs ?? MINUTE_MS, status: limits.secondary?.status ?? 403 },
  };
}

/** Reads cost 1 point, writes 5 (spec §4.6). */
const pointsFor = (method: string): number => (['GET', 'HEAD', 'OPTIONS'].includes(method) ? 1 : 5);

/**
 * Per-credential budgets: a primary quota per window whose state every response reports, and a secondary
 * points budget over a short window. A refused request spends from neither.
 */
export class GhRateLimiter {
  private settings: Settings;
  private primary = new Map<string, Window>();
  private secondary = new Map<string, Window>();

  constructor(
    private readonly initial: GhRateLimits,
    private readonly now: () => number,
  ) {
    this.settings = settingsOf(initial);
  }

  /** Replaces the limits (unset parts take GitHub's numbers) and starts every window afresh. */
  configure(limits: GhRateLimits): void {
    this.settings = settingsOf(limits);
    this.primary.clear();
    this.secondary.clear();
  }

  reset(): void {
    this.configure(this.initial);
  }

  consume(bucket: string, authenticated: boolean, method: string): RateVerdict {
    const primary = this.windowOf(this.primary, bucket, this.settings.windowMs);
    const limit = this.limitFor(authenticated);
    if (primary.spent >= limit) return { kind: 'primary', snapshot: this.snapshot(bucket, authenticated), status: this.settings.status };
    const { points, windowMs, status } = this.settings.secondary;
    const secondary = this.windowOf(this.secondary, bucket, windowMs);
    const cost = pointsFor(method);
    if (secondary.spent + cost > points) {
      const retryAfterSeconds = Math.max(1, Math.ceil((secondary.startMs + windowMs - this.now()) / 1000));
      return { kind: 'secondary', snapshot: this.snapshot(bucket, authenticated), status, retryAfterSeconds };
    }
    secondary.spent += cost;
    primary.spent += 1;
    return { kind: 'allowed', snapshot: this.snapshot(bucket, authenticated) };
  }

  snapshot(bucket: string, authenticated: boolean): RateSnapshot {
    const window = this.windowOf(this.primary, bucket, this.settings.windowMs);
    const limit = this.limitFor(authenticated);
    const used = Math.min(window.spent, limit);
    return { limit, remaining: limit - used, used, reset: Math.ceil((window.startMs + this.settings.windowMs) / 1000) };
  }

  state(): { settings: Settings; used: Record<string, number> } {
    return { settings: this.settings, used: Object.fromEntries([...this.primary].map(([bucket, window]) => [bucket, window.spent])) };
  }

  private limitFor(authenticated: boolean): number {
    return authenticated ? this.settings.limit : this.settings.unauthenticatedLimit;
  }

  private windowOf(windows: Map<string, Window>, bucket: string, windowMs: number): Window {
    const now = this.now();
    const current = windows.get(bucket);
    if (current && now - current.startMs < windowMs) return current;
    const fresh = { startMs: now, spent: 0 };
    windows.set(bucket, fresh);
    return fresh;
  }
}
