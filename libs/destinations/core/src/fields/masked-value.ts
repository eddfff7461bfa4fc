/** How the API shows a credential that is set (spec §2, §3.4). */
export const CREDENTIAL_MASK = '*****';

/** A value of asterisks only, sent back by a client that echoes what it read: means "unchanged" (spec §3.5). */
export function isMaskedValue(value: unknown): boolean {
  return typeof value === 'string' && /^\*+$/.test(value);
}
