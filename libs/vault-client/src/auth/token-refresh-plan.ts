/** A token obtained by login or renewal, with when we asked for it. */
export interface IssuedToken {
  token: string;
  /** Taken before the request, so the lease is never thought to outlast Vault's view of it. */
  issuedAtMs: number;
  /** 0: never expires. */
  leaseMs: number;
  renewable: boolean;
}

export type RefreshPlan = { action: 'none' } | { action: 'renew' | 'login'; atMs: number };

/** Renew at two thirds of the lease, as Vault's own LifetimeWatcher does. */
const REFRESH_AT_FRACTION = 2 / 3;
/** A token this close to expiry is not handed out: the request using it could arrive after it died. */
const EXPIRY_MARGIN_MS = 1_000;
const MIN_FAILURE_RETRY_MS = 1_000;
const MAX_FAILURE_RETRY_MS = 60_000;

/**
 * What to do next with `issued`. `loginLeaseMs` is the lease the last login granted: a renewal that no longer
 * restores it is being cut by the token's max TTL, so the next step is a fresh login instead of another renewal
 * that would only shrink further.
 */
export function planRefresh(issued: IssuedToken, loginLeaseMs: number): RefreshPlan {
  if (issued.leaseMs === 0) return { action: 'none' };
  const atMs = issued.issuedAtMs + Math.floor(issued.leaseMs * REFRESH_AT_FRACTION);
  return { action: issued.renewable && issued.leaseMs >= loginLeaseMs ? 'renew' : 'login', atMs };
}

export function isUsable(issued: IssuedToken, nowMs: number): boolean {
  return issued.leaseMs === 0 || nowMs < issued.issuedAtMs + issued.leaseMs - EXPIRY_MARGIN_MS;
}

/** After a failed background refresh: try again soon, sooner the closer the current token is to expiry. */
export function failureRetryDelayMs(issued: IssuedToken | undefined, nowMs: number): number {
  const remainingMs = issued && issued.leaseMs > 0 ? issued.issuedAtMs + issued.leaseMs - nowMs : 0;
  return Math.min(MAX_FAILURE_RETRY_MS, Math.max(MIN_FAILURE_RETRY_MS, Math.floor(remainingMs / 3)));
}
