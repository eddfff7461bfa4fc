import { connect, Socket } from 'node:net';
import { line, PASSWORD_HMAC, responseEntry, WRITE_REQUEST, WRITE_REQUEST_ID, WRITE_RESPONSE } from '../entry/__fixtures__/audit-entries';
import { AuditSocketFeed } from './audit-socket-feed';
import { FeedOptions } from './feed-options';
import { recorder, waitUntil } from './feed-test-helpers';

const dial = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });

const write = (socket: Socket, data: string | Buffer): Promise<void> => new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));

/** Sends `data` in random-sized chunks, yielding between them so they arrive as separate reads. */
async function writeInRandomChunks(socket: Socket, data: Buffer, maxChunk = 700): Promise<void> {
  for (let offset = 0; offset < data.length; ) {
    const size = 1 + Math.floor(Math.random() * maxChunk);
    await write(socket, data.subarray(offset, offset + size));
    offset += size;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A stream like Vault's: request and response entries of writes, with reads mixed in. */
function vaultStream(prefix: string, count: number): { data: Buffer; ids: string[] } {
  const ids: string[] = [];
  let text = '';
  for (let i = 0; i < count; i += 1) {
    const id = `${prefix}-${i}`;
    ids.push(id);
    const path = `secret/data/${prefix}/s${i}`;
    text += line({ ...WRITE_REQUEST, request: { ...(WRITE_REQUEST['request'] as object), id, path } });
    text += line(responseEntry({ id: `${id}-read`, path, operation: 'read' }));
    text += line(responseEntry({ id, path, operation: 'update' }));
  }
  return { data: Buffer.from(text), ids };
}

describe('AuditSocketFeed (real TCP)', () => {
  let feed: AuditSocketFeed;
  let rec: ReturnType<typeof recorder>;
  const clients: Socket[] = [];

  async function start(options: Partial<FeedOptions> = {}) {
    rec = recorder();
    feed = await AuditSocketFeed.start({ host: '127.0.0.1', port: 0, logger: rec.logger, onChange: rec.onChange, onGap: rec.onGap, ...options });
  }
  async function client(): Promise<Socket> {
    const socket = await dial(feed.address.port);
    clients.push(socket);
    return socket;
  }

  afterEach(async () => {
    for (const socket of clients.splice(0)) socket.destroy();
    await feed.close();
  });

  it('decodes entries written in random chunk splits, in order', async () => {
    await start();
    const { data, ids } = vaultStream('one', 40);
    await writeInRandomChunks(await client(), data);
    await waitUntil(() => rec.changes.length === ids.length);
    expect(rec.changes.map((change) => change.requestId)).toEqual(ids);
    expect(rec.changes[0]).toMatchObject({ kind: 'secret', operation: 'write', secretPath: 'one/s0', mountAccessor: 'kv_3fa85f64' });
    expect(feed.counters()).toMatchObject({ entries: 120, changes: 40, malformed: 0, connections: 1 });
  });

  it('serves two Vault connections at once', async () => {
    await start();
    const [a, b] = [vaultStream('a', 30), vaultStream('b', 30)];
    await Promise.all([writeInRandomChunks(await client(), a.data), writeInRandomChunks(await client(), b.data)]);
    await waitUntil(() => rec.changes.length === 60);
    const ids = rec.changes.map((change) => change.requestId);
    expect(ids.filter((id) => id.startsWith('a-'))).toEqual(a.ids);
    expect(ids.filter((id) => id.startsWith('b-'))).toEqual(b.ids);
    expect(feed.counters().connections).toBe(2);
    expect(rec.gaps.filter((gap) => gap === 'connection-opened')).toHaveLength(2);
  });

  it('drops a line cut off by a disconnect, and takes the reconnect as a new connection', async () => {
    await start();
    const first = await client();
    const cut = line(responseEntry({ id: 'cut', path: 'secret/data/app/db', operation: 'update' }));
    await write(first, line(WRITE_RESPONSE) + cut.slice(0, cut.length / 2));
    first.end();
    await waitUntil(() => feed.counters().truncated === 1);
    const second = await client();
    await write(second, cut);
    await waitUntil(() => rec.changes.length === 2);
    expect(rec.changes.map((change) => change.requestId)).toEqual([WRITE_REQUEST_ID, 'cut']);
    expect(rec.gaps).toEqual(['connection-opened', 'truncated-line', 'connection-opened']);
  });

  it('keeps reading while the handler is stuck, dropping beyond the queue bound', async () => {
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    await start({ queueCapacity: 5, onChange: () => stuck });
    const { data } = vaultStream('flood', 200);
    await write(await client(), data);
    await waitUntil(() => feed.counters().entries === 600);
    // One change is with the handler, five wait in the queue, the rest are dropped.
    expect(feed.counters()).toMatchObject({ changes: 200, dropped: 194 });
    expect(rec.gaps.filter((gap) => gap === 'queue-overflow')).toHaveLength(1);
    release();
  });

  it('counts garbage and oversized lines, never logging their content', async () => {
    await start({ maxLineBytes: 4096 });
    const socket = await client();
    await write(socket, Buffer.concat([Buffer.from(`not json ${PASSWORD_HMAC}\n`), Buffer.from([0, 1, 2, 0xff, 0x0a]), Buffer.from(`{"x":"${'y'.repeat(10_000)}"}\n`), Buffer.from(line(WRITE_RESPONSE))]));
    await waitUntil(() => rec.changes.length === 1);
    expect(feed.counters()).toMatchObject({ malformed: 2, oversized: 1, changes: 1 });
    const logged = JSON.stringify(rec.logs);
    expect(logged).not.toContain(PASSWORD_HMAC);
    expect(logged).not.toContain('yyyy');
    const warned = rec.logs.filter((log) => log.level === 'warn').map((log) => (log.details as { reason: string }).reason);
    expect(warned.sort()).toEqual(['malformed-line', 'oversized-line']);
  });

  it('closes with connections still open', async () => {
    await start();
    const socket = await client();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await feed.close();
    await closed;
    await expect(dial(feed.address.port).catch(() => 'refused')).resolves.toBe('refused');
    await start();
  });
});
