import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) over the exact UTF-8 bytes that would be written to the destination. Node's crypto is a pure
 * computation, not I/O, so it is allowed in the domain.
 */
export function fingerprint(payload: string): string {
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}
