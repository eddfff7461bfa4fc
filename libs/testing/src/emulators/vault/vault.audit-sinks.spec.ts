import { Writable } from 'node:stream';
import { writeWithDeadline } from './vault.audit-sinks';

/** A peer that never drains: the write callback never fires, like a socket whose buffers are full. */
const stuck = () => new Writable({ write: () => undefined });
const healthy = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('write deadline', () => {
  it('fails with i/o timeout when the data does not get through in time', async () => {
    const started = Date.now();
    await expect(writeWithDeadline(stuck(), 'entry\n', 60)).rejects.toThrow('i/o timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('resolves when the write completes and fails at once on a zero deadline or a closed stream', async () => {
    await expect(writeWithDeadline(healthy(), 'entry\n', 60)).resolves.toBeUndefined();
    await expect(writeWithDeadline(healthy(), 'entry\n', 0)).rejects.toThrow('i/o timeout');
    const closed = healthy();
    closed.destroy();
    await expect(writeWithDeadline(closed, 'entry\n', 60)).rejects.toThrow('closed');
  });
});
