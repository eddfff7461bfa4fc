const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Vault's default `max_request_size`: an entry repeats the whole request, so shorter limits would drop
 * legitimate writes (spec vault-change-capture §1.3).
 */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;

export interface AuditLineDecoderOptions {
  maxLineBytes?: number;
  /** Called once per line longer than `maxLineBytes`; the line is discarded. */
  onOversized?: () => void;
}

/**
 * Newline framing over arbitrary chunks (spec §1.3: one JSON object + `\n` per entry, writes not aligned with
 * entries). Keeps at most `maxLineBytes` of a partial line: an oversized line is dropped as soon as it passes the
 * limit and its remainder is skipped up to the next newline, so memory stays bounded whatever the peer sends.
 */
export class AuditLineDecoder {
  private readonly maxLineBytes: number;
  private readonly onOversized: () => void;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skippingOversized = false;

  constructor(options: AuditLineDecoderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.onOversized = options.onOversized ?? (() => undefined);
  }

  /** Bytes of the unfinished line held so far (a saved file offset must not count them as read). */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  /** The complete, non-empty lines this chunk finishes, without their `\n` or `\r\n`. */
  push(chunk: Buffer): Buffer[] {
    const lines: Buffer[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const line = this.finishLine(chunk.subarray(start, newline));
      if (line) lines.push(line);
      start = newline + 1;
    }
    this.keep(chunk.subarray(start));
    return lines;
  }

  /**
   * The stream ended: an unfinished line is a truncated entry and is discarded (spec §1.3).
   * @returns whether anything was discarded.
   */
  end(): boolean {
    const discarded = this.pendingBytes > 0 || this.skippingOversized;
    this.reset();
    return discarded;
  }

  private keep(part: Buffer): void {
    if (part.length === 0 || this.skippingOversized) return;
    if (this.pendingBytes + part.length > this.maxLineBytes) {
      this.discardOversized();
      this.skippingOversized = true;
      return;
    }
    // A copy: the caller may reuse its read buffer, and a small tail should not pin a large chunk.
    this.pending.push(Buffer.from(part));
    this.pendingBytes += part.length;
  }

  private finishLine(tail: Buffer): Buffer | undefined {
    if (this.skippingOversized) {
      this.skippingOversized = false;
      return undefined;
    }
    if (this.pendingBytes + tail.length > this.maxLineBytes) {
      this.discardOversized();
      return undefined;
    }
    const whole = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail]);
    this.reset();
    const line = whole.at(-1) === CARRIAGE_RETURN ? whole.subarray(0, -1) : whole;
    return line.length > 0 ? line : undefined;
  }

  private discardOversized(): void {
    this.reset();
    this.onOversized();
  }

  private reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.skippingOversized = false;
  }
}
