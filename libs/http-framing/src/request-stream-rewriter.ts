const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
/** Past this without a blank line the head is not one we rewrite; Node's parser refuses it anyway. */
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_CHUNK_LINE_BYTES = 1024;

type Framing =
  | { kind: 'head' }
  | { kind: 'body'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'trailers' }
  /** Upgraded, CONNECT or unparseable: the rest of the connection is forwarded untouched. */
  | { kind: 'passthrough' };

/** Rewrites one complete request head (request line, headers and the blank line). */
export type HeadRewrite = (head: Buffer) => Buffer;

/**
 * Rewrites the request heads of one HTTP/1.1 connection's byte stream, below Node's HTTP parser. It follows
 * message framing (Content-Length, chunked) so that only heads are handed to `rewriteHead`, never bodies, also on
 * keep-alive and pipelined connections; after an upgrade, CONNECT or anything it cannot frame, the rest of the
 * connection passes untouched. Pure: bytes in, bytes out.
 */
export class RequestStreamRewriter {
  private pending: Buffer = Buffer.alloc(0);
  private framing: Framing = { kind: 'head' };
  private upgradeSeen = false;

  constructor(private readonly rewriteHead: HeadRewrite) {}

  /** True once a request asked for an upgrade (a websocket) or CONNECT: what follows is another protocol. */
  get upgraded(): boolean {
    return this.upgradeSeen;
  }

  /** The bytes to hand to the HTTP parser so far; keeps an incomplete head or chunk line until more arrives. */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    for (let produced = this.step(); produced !== undefined; produced = this.step()) out.push(produced);
    return out;
  }

  private step(): Buffer | undefined {
    if (this.pending.length === 0) return undefined;
    const framing = this.framing;
    switch (framing.kind) {
      case 'passthrough':
        return this.take(this.pending.length);
      case 'body':
      case 'chunk-data':
        return this.takeCounted(framing);
      case 'head':
        return this.head();
      case 'chunk-size':
        return this.chunkSizeLine();
      case 'trailers':
        return this.trailerLine();
    }
  }

  private head(): Buffer | undefined {
    // Empty lines before a request line are allowed (RFC 9112 §2.2).
    if (this.pending.subarray(0, 2).equals(CRLF)) return this.take(2);
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) return this.pending.length > MAX_HEAD_BYTES ? this.passthrough() : undefined;
    const head = this.take(end + HEAD_END.length);
    const { framing, upgrade } = framingAfter(head.toString('latin1'));
    this.framing = framing;
    this.upgradeSeen ||= upgrade;
    return this.rewriteHead(head);
  }

  private chunkSizeLine(): Buffer | undefined {
    const line = this.line();
    if (line === undefined) return this.pending.length > MAX_CHUNK_LINE_BYTES ? this.passthrough() : undefined;
    const sizeText = line.toString('latin1').split(';')[0].trim();
    const size = /^[0-9a-fA-F]{1,8}$/.test(sizeText) ? parseInt(sizeText, 16) : Number.NaN;
    if (Number.isNaN(size)) this.framing = { kind: 'passthrough' };
    else this.framing = size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining: size + CRLF.length };
    return line;
  }

  private trailerLine(): Buffer | undefined {
    const line = this.line();
    if (line === undefined) return this.pending.length > MAX_HEAD_BYTES ? this.passthrough() : undefined;
    if (line.length === CRLF.length) this.framing = { kind: 'head' };
    return line;
  }

  private takeCounted(framing: { kind: 'body' | 'chunk-data'; remaining: number }): Buffer {
    const taken = this.take(Math.min(framing.remaining, this.pending.length));
    const remaining = framing.remaining - taken.length;
    if (remaining > 0) this.framing = { ...framing, remaining };
    else this.framing = framing.kind === 'body' ? { kind: 'head' } : { kind: 'chunk-size' };
    return taken;
  }

  /** One line with its CRLF, or undefined while incomplete. */
  private line(): Buffer | undefined {
    const end = this.pending.indexOf(CRLF);
    return end < 0 ? undefined : this.take(end + CRLF.length);
  }

  private passthrough(): Buffer {
    this.framing = { kind: 'passthrough' };
    return this.take(this.pending.length);
  }

  private take(length: number): Buffer {
    const taken = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return taken;
  }
}

/** What follows a request head: its body's framing (RFC 9112 §6.3). */
function framingAfter(head: string): { framing: Framing; upgrade: boolean } {
  const [requestLine, ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  if (requestLine.startsWith('CONNECT ') || headers.has('upgrade')) return { framing: { kind: 'passthrough' }, upgrade: true };
  return { framing: bodyFraming(headers), upgrade: false };
}

function bodyFraming(headers: Map<string, string[]>): Framing {
  const transferEncoding = headers.get('transfer-encoding');
  if (transferEncoding !== undefined) {
    return transferEncoding.join(',').toLowerCase().split(',').pop()?.trim() === 'chunked' ? { kind: 'chunk-size' } : { kind: 'passthrough' };
  }
  const lengths = headers.get('content-length');
  if (lengths === undefined) return { kind: 'head' };
  const distinct = new Set(lengths.flatMap((value) => value.split(',').map((part) => part.trim())));
  const [length] = distinct;
  if (distinct.size !== 1 || !/^\d{1,15}$/.test(length)) return { kind: 'passthrough' };
  return Number(length) === 0 ? { kind: 'head' } : { kind: 'body', remaining: Number(length) };
}

/**
 * Vault's custom `LIST <target>` request line becomes `GET <target>?list=true`, its documented equivalent
 * (vault-sync-api §2): Node's HTTP parser (llhttp) knows a fixed set of methods and refuses `LIST` before any
 * JavaScript runs.
 */
export function rewriteListVerb(head: Buffer): Buffer {
  if (!head.subarray(0, 5).equals(Buffer.from('LIST '))) return head;
  const lineEnd = head.indexOf(CRLF);
  const parts = head.subarray(0, lineEnd).toString('latin1').split(' ');
  if (parts.length !== 3) return head;
  const [, target, version] = parts;
  const listTarget = `${target}${target.includes('?') ? '&' : '?'}list=true`;
  return Buffer.concat([Buffer.from(`GET ${listTarget} ${version}`, 'latin1'), head.subarray(lineEnd)]);
}
