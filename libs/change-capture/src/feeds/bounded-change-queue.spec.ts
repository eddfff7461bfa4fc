import { ObservedChange } from '../entry/observed-change';
import { BoundedChangeQueue, BoundedChangeQueueOptions } from './bounded-change-queue';

const change = (requestId: string): ObservedChange => ({ kind: 'mount', operation: 'remount', requestId, time: 't' });

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

function queue(overrides: Partial<BoundedChangeQueueOptions>) {
  const options = { capacity: 10, handler: jest.fn(), onOverflow: jest.fn(), onDropped: jest.fn(), onHandlerError: jest.fn(), ...overrides };
  return { options, queue: new BoundedChangeQueue(options) };
}

describe('BoundedChangeQueue', () => {
  it('hands changes over in order, never inside offer', async () => {
    const handled: string[] = [];
    const { queue: q } = queue({ handler: (c) => void handled.push(c.requestId) });
    q.offer(change('a'));
    q.offer(change('b'));
    expect(handled).toEqual([]);
    await q.idle();
    expect(handled).toEqual(['a', 'b']);
  });

  it('waits for an async handler before the next change', async () => {
    const gate = deferred();
    const handled: string[] = [];
    const { queue: q } = queue({
      handler: async (c) => {
        handled.push(`start ${c.requestId}`);
        if (c.requestId === 'a') await gate.promise;
        handled.push(`end ${c.requestId}`);
      },
    });
    q.offer(change('a'));
    q.offer(change('b'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handled).toEqual(['start a']);
    gate.release();
    await q.idle();
    expect(handled).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('drops beyond capacity without waiting, reporting overflow once per episode', async () => {
    const gate = deferred();
    const { queue: q, options } = queue({ capacity: 2, handler: jest.fn(() => gate.promise) });
    q.offer(change('in-flight'));
    await new Promise((resolve) => setImmediate(resolve));
    expect([q.offer(change('a')), q.offer(change('b')), q.offer(change('c')), q.offer(change('d'))]).toEqual([true, true, false, false]);
    expect(options.onOverflow).toHaveBeenCalledTimes(1);
    expect(options.onDropped).toHaveBeenCalledTimes(2);
    gate.release();
    await q.idle();
    expect(q.offer(change('e'))).toBe(true);
    await q.idle();
    expect(options.handler).toHaveBeenCalledTimes(4);
  });

  it('reports a failing handler and carries on', async () => {
    const { queue: q, options } = queue({
      handler: jest.fn((c: ObservedChange) => {
        if (c.requestId === 'a') throw new Error('downstream down');
      }),
    });
    q.offer(change('a'));
    q.offer(change('b'));
    await q.idle();
    expect(options.onHandlerError).toHaveBeenCalledWith(new Error('downstream down'), change('a'));
    expect(options.handler).toHaveBeenCalledTimes(2);
  });
});
