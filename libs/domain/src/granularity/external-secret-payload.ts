/**
 * One entry to write to a destination, WITH the secret value in clear. It exists only in worker memory while a
 * sync runs: never put it in a job, a stored record, an error message or a log line; use `fingerprint` instead.
 */
export interface ExternalSecretPayload {
  /** Rendered, normalised and validated name at the destination. */
  readonly externalName: string;
  /** The top-level key this entry holds under secret-key granularity; absent under secret-path. */
  readonly subKey?: string;
  /** The exact string written to the destination. */
  readonly value: string;
  /** SHA-256 (hex) of `value`; safe to store and log. */
  readonly fingerprint: string;
}
