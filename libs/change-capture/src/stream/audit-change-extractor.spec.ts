import { line, responseEntry, WRITE_REQUEST, WRITE_RESPONSE } from '../entry/__fixtures__/audit-entries';
import { AuditChangeExtractor } from './audit-change-extractor';
import { CaptureGapReason, newCaptureCounters } from './capture-counters';

function setup(maxLineBytes?: number) {
  const counters = newCaptureCounters();
  const gaps: CaptureGapReason[] = [];
  const extractor = new AuditChangeExtractor({ counters, onGap: (reason) => gaps.push(reason), ...(maxLineBytes ? { maxLineBytes } : {}) });
  return { counters, gaps, extractor };
}

describe('AuditChangeExtractor', () => {
  it('turns a stream of entries into the changes among them, counting entries and changes', () => {
    const { counters, gaps, extractor } = setup();
    const deleted = responseEntry({ id: 'req-2', path: 'secret/metadata/app/db', operation: 'delete', response: null });
    const changes = extractor.push(Buffer.from(line(WRITE_REQUEST) + line(WRITE_RESPONSE) + line(deleted)));
    expect(changes.map((change) => change.operation)).toEqual(['write', 'metadata-delete']);
    expect(counters).toMatchObject({ entries: 3, changes: 2, malformed: 0 });
    expect(gaps).toEqual([]);
  });

  it('drops reads, lists and scans before parsing them (spec §1.5 pre-filter)', () => {
    const { counters, extractor } = setup();
    const unparsable = '{"request":{"operation":"read", this is not JSON\n{"operation":"list"\n{"operation":"scan"\n';
    expect(extractor.push(Buffer.from(unparsable))).toEqual([]);
    expect(counters).toMatchObject({ entries: 3, malformed: 0, changes: 0 });
  });

  it('counts malformed JSON, binary garbage and non-objects without throwing or echoing them', () => {
    const { counters, gaps, extractor } = setup();
    const garbage = Buffer.concat([Buffer.from('{"type":"response",\n[1,2]\n42\nnull\n'), Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x0a]), Buffer.from(line(WRITE_RESPONSE))]);
    expect(() => extractor.push(garbage)).not.toThrow();
    expect(counters).toMatchObject({ entries: 6, malformed: 5, changes: 1 });
    expect(gaps).toEqual(['malformed-line', 'malformed-line', 'malformed-line', 'malformed-line', 'malformed-line']);
  });

  it('counts oversized lines and reports them as gaps', () => {
    const { counters, gaps, extractor } = setup(256);
    const big = responseEntry({ path: `secret/data/${'x'.repeat(300)}`, operation: 'update' });
    expect(extractor.push(Buffer.from(line(big) + line(WRITE_RESPONSE).slice(0, 300)))).toEqual([]);
    expect(counters).toMatchObject({ oversized: 2, entries: 0 });
    expect(gaps).toEqual(['oversized-line', 'oversized-line']);
  });

  it('counts a line cut off by the end of the stream as truncated', () => {
    const { counters, gaps, extractor } = setup();
    extractor.push(Buffer.from(line(WRITE_RESPONSE).slice(0, 50)));
    extractor.end();
    extractor.end();
    expect(counters.truncated).toBe(1);
    expect(gaps).toEqual(['truncated-line']);
  });
});
