import { createHash } from 'node:crypto';

/** Hex characters of SHA-256 that replace the end of a truncated value (Vault's `truncate_sha256`). */
export const SHA256_SUFFIX_LENGTH = 8;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Vault's `truncate_sha256 N` (sdk/helper/template): a value longer than N keeps its first N-8 characters and
 * ends with the first 8 hex characters of the SHA-256 of everything it drops from there on, so values that differ
 * only at the end stay distinct. Vault slices bytes; we slice characters so a multi-byte character is never cut
 * in half (identical results for ASCII).
 */
export function truncateSha256(value: string, maxLength: number): string {
  const chars = Array.from(value);
  if (chars.length <= maxLength) return value;
  const kept = maxLength - SHA256_SUFFIX_LENGTH;
  const hash = sha256Hex(chars.slice(kept).join('')).slice(0, SHA256_SUFFIX_LENGTH);
  return chars.slice(0, kept).join('') + hash;
}

/** Vault's `truncate N`, on characters rather than bytes (see {@link truncateSha256}). */
export function truncateChars(value: string, maxLength: number): string {
  const chars = Array.from(value);
  return chars.length <= maxLength ? value : chars.slice(0, maxLength).join('');
}
