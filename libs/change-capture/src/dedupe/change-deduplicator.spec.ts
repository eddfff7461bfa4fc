import { ObservedChange } from '../entry/observed-change';
import { ChangeDeduplicator } from './change-deduplicator';

const change = (requestId: string): ObservedChange => ({ kind: 'secret', mountAccessor: 'kv_1', mountPath: 'secret/', secretPath: 'a', operation: 'write', requestId, time: 't' });

describe('ChangeDeduplicator', () => {
  let now = 0;
  const dedupe = (capacity = 100, ttlMs = 1000) => new ChangeDeduplicator({ capacity, ttlMs, now: () => now });
  beforeEach(() => (now = 0));

  it('forwards a request seen by two feeds once, and different requests each', async () => {
    const handler = jest.fn();
    const forward = dedupe().forwardOnce(handler);
    await forward(change('r1'));
    await forward(change('r1'));
    await forward(change('r2'));
    expect(handler.mock.calls.map(([c]: [ObservedChange]) => c.requestId)).toEqual(['r1', 'r2']);
  });

  it('returns the handler result so callers can await it', async () => {
    const forward = dedupe().forwardOnce(() => Promise.resolve());
    await expect(forward(change('r1'))).resolves.toBeUndefined();
  });

  it('forgets a request id after the TTL', () => {
    const d = dedupe(100, 1000);
    expect(d.isFirstSighting(change('r1'))).toBe(true);
    now = 999;
    expect(d.isFirstSighting(change('r1'))).toBe(false);
    now = 999 + 1000;
    expect(d.isFirstSighting(change('r1'))).toBe(true);
  });

  it('keeps at most `capacity` ids, evicting the least recently seen', () => {
    const d = dedupe(2);
    d.isFirstSighting(change('a'));
    d.isFirstSighting(change('b'));
    d.isFirstSighting(change('a'));
    d.isFirstSighting(change('c'));
    expect(d.isFirstSighting(change('a'))).toBe(false);
    expect(d.isFirstSighting(change('b'))).toBe(true);
  });
});
