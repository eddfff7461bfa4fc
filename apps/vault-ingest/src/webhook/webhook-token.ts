import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>` against `SYNC_WEBHOOK_TOKEN` in constant time: both sides are digested
 * first, so neither the comparison nor an early length mismatch tells how much of a guess was right.
 */
export class WebhookToken {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = digest(token);
  }

  accepts(authorization: string | undefined): boolean {
    const presented = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return timingSafeEqual(digest(presented ?? ''), this.expected) && presented !== undefined;
  }
}
