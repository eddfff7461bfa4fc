import { classifyAuditEntry, ClassifyOptions } from '../entry/classify-audit-entry';
import { ObservedChange } from '../entry/observed-change';
import { AuditLineDecoder } from './audit-line-decoder';
import { CaptureCounters, CaptureGapReason } from './capture-counters';

/**
 * Lines that cannot report a change, recognised without parsing them (spec vault-change-capture §1.5): reads,
 * lists and scans are most of the volume. HMAC'd values cannot contain these bytes, because quotes inside a JSON
 * string are escaped.
 */
const NON_MUTATING_MARKERS = ['"operation":"read"', '"operation":"list"', '"operation":"scan"'].map((marker) => Buffer.from(marker));

export interface AuditChangeExtractorOptions {
  counters: CaptureCounters;
  onGap: (reason: CaptureGapReason) => void;
  maxLineBytes?: number;
  classify?: ClassifyOptions;
}

/** One byte stream (a connection, a file) → changes: framing, pre-filter, parse, classify. No I/O. */
export class AuditChangeExtractor {
  private readonly decoder: AuditLineDecoder;

  constructor(private readonly options: AuditChangeExtractorOptions) {
    this.decoder = new AuditLineDecoder({
      ...(options.maxLineBytes !== undefined ? { maxLineBytes: options.maxLineBytes } : {}),
      onOversized: () => {
        options.counters.oversized += 1;
        options.onGap('oversized-line');
      },
    });
  }

  get bufferedBytes(): number {
    return this.decoder.bufferedBytes;
  }

  push(chunk: Buffer): ObservedChange[] {
    const changes: ObservedChange[] = [];
    for (const line of this.decoder.push(chunk)) {
      this.options.counters.entries += 1;
      const change = this.changeIn(line);
      if (change) changes.push(change);
    }
    this.options.counters.changes += changes.length;
    return changes;
  }

  /** End of stream: an unfinished line is a lost entry. */
  end(): void {
    if (!this.decoder.end()) return;
    this.options.counters.truncated += 1;
    this.options.onGap('truncated-line');
  }

  private changeIn(line: Buffer): ObservedChange | undefined {
    if (NON_MUTATING_MARKERS.some((marker) => line.includes(marker))) return undefined;
    const entry = parseObject(line);
    if (entry === undefined) {
      this.options.counters.malformed += 1;
      this.options.onGap('malformed-line');
      return undefined;
    }
    return classifyAuditEntry(entry, this.options.classify);
  }
}

function parseObject(line: Buffer): object | undefined {
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
