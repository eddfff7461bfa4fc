import { AuditLineDecoder } from './audit-line-decoder';

const text = (lines: Buffer[]) => lines.map((line) => line.toString('utf8'));

describe('AuditLineDecoder', () => {
  it('reassembles lines split at every possible chunk boundary', () => {
    const stream = Buffer.from('{"a":1}\n{"b":"two"}\n{"c":[3]}\n');
    for (let first = 0; first <= stream.length; first += 1) {
      for (let second = first; second <= stream.length; second += 1) {
        const decoder = new AuditLineDecoder();
        const lines = [stream.subarray(0, first), stream.subarray(first, second), stream.subarray(second)].flatMap((chunk) => text(decoder.push(chunk)));
        expect(lines).toEqual(['{"a":1}', '{"b":"two"}', '{"c":[3]}']);
        expect(decoder.end()).toBe(false);
      }
    }
  });

  it('holds a partial line until its newline arrives', () => {
    const decoder = new AuditLineDecoder();
    expect(decoder.push(Buffer.from('{"a":'))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(5);
    expect(text(decoder.push(Buffer.from('1}\n{"b"')))).toEqual(['{"a":1}']);
    expect(decoder.bufferedBytes).toBe(4);
  });

  it('strips CRLF and skips empty lines', () => {
    const decoder = new AuditLineDecoder();
    expect(text(decoder.push(Buffer.from('\n\r\n{"a":1}\r\n\n{"b":2}\n\r')))).toEqual(['{"a":1}', '{"b":2}']);
    expect(text(decoder.push(Buffer.from('\n')))).toEqual([]);
  });

  it('is not confused when the caller reuses its chunk buffer', () => {
    const decoder = new AuditLineDecoder();
    const buffer = Buffer.from('{"first":');
    decoder.push(buffer);
    buffer.fill(0x78);
    expect(text(decoder.push(Buffer.from('1}\n')))).toEqual(['{"first":1}']);
  });

  it('reports a partial line at the end of the stream and forgets it', () => {
    const decoder = new AuditLineDecoder();
    decoder.push(Buffer.from('{"a":1}\n{"trunc'));
    expect(decoder.end()).toBe(true);
    expect(decoder.bufferedBytes).toBe(0);
    expect(text(decoder.push(Buffer.from('ated":1}\n')))).toEqual(['ated":1}']);
  });

  it('accepts a line of exactly the limit and discards one byte more', () => {
    const onOversized = jest.fn();
    const decoder = new AuditLineDecoder({ maxLineBytes: 8, onOversized });
    expect(text(decoder.push(Buffer.from('12345678\n123456789\nok\n')))).toEqual(['12345678', 'ok']);
    expect(onOversized).toHaveBeenCalledTimes(1);
  });

  it('discards a 10 MB line with bounded memory, counts it once and resynchronises at the next newline', () => {
    const maxLineBytes = 1024 * 1024;
    const onOversized = jest.fn();
    const decoder = new AuditLineDecoder({ maxLineBytes, onOversized });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const started = Date.now();
    const lines: string[] = [...text(decoder.push(Buffer.from('{"before":1}\n{"huge":"')))];
    let peakBuffered = 0;
    for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) {
      lines.push(...text(decoder.push(chunk)));
      peakBuffered = Math.max(peakBuffered, decoder.bufferedBytes);
    }
    lines.push(...text(decoder.push(Buffer.from('aaa"}\n{"after":2}\n'))));
    expect(lines).toEqual(['{"before":1}', '{"after":2}']);
    expect(onOversized).toHaveBeenCalledTimes(1);
    expect(peakBuffered).toBeLessThanOrEqual(maxLineBytes);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('discards an oversized line that ends inside the chunk that overflows it', () => {
    const onOversized = jest.fn();
    const decoder = new AuditLineDecoder({ maxLineBytes: 10, onOversized });
    decoder.push(Buffer.from('123456'));
    expect(text(decoder.push(Buffer.from('789012\nnext\n')))).toEqual(['next']);
    expect(onOversized).toHaveBeenCalledTimes(1);
  });

  it('reports an oversized line cut off by the end of the stream as discarded', () => {
    const decoder = new AuditLineDecoder({ maxLineBytes: 4 });
    decoder.push(Buffer.from('123456789'));
    expect(decoder.bufferedBytes).toBe(0);
    expect(decoder.end()).toBe(true);
  });
});
