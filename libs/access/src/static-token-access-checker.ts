import { createHash, timingSafeEqual } from 'node:crypto';
import { AccessChecker, AccessRequest } from './access-checker';
import { PermissionDeniedError } from './permission-denied.error';

/** Fixed-length digests, so `timingSafeEqual` never sees inputs of different lengths (which would leak the length). */
const digestOf = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** `SYNC_AUTH=static`: a caller holding one of the configured tokens may do everything. */
export class StaticTokenAccessChecker implements AccessChecker {
  private readonly knownDigests: readonly Buffer[];

  constructor(tokens: readonly string[]) {
    this.knownDigests = tokens.filter((token) => token.length > 0).map(digestOf);
  }

  async authorize({ token }: AccessRequest): Promise<void> {
    if (!token) throw new PermissionDeniedError();
    const candidate = digestOf(token);
    // Compares against every known token, without stopping at a match, so timing tells nothing about which matched.
    const matched = this.knownDigests.reduce((found, known) => timingSafeEqual(known, candidate) || found, false);
    if (!matched) throw new PermissionDeniedError();
  }
}
