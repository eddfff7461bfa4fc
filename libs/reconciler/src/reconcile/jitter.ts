/** `intervalMs` spread evenly over ±`jitter`/2 of itself, so replicas and restarts do not poll Vault in lockstep. */
export function jitteredDelay(intervalMs: number, jitter: number, random: () => number): number {
  return Math.max(0, Math.round(intervalMs * (1 - jitter / 2 + random() * jitter)));
}
