import { RequestStreamRewriter, rewriteListVerb } from './request-stream-rewriter';

/** Feeds `input` in pieces of `size` bytes and returns what the rewriter passes on. */
function rewrite(input: string, size = input.length): string {
  const rewriter = new RequestStreamRewriter(rewriteListVerb);
  const out: Buffer[] = [];
  const bytes = Buffer.from(input, 'latin1');
  for (let offset = 0; offset < bytes.length; offset += size) out.push(...rewriter.push(bytes.subarray(offset, offset + size)));
  return Buffer.concat(out).toString('latin1');
}

const LIST = 'LIST /v1/sys/sync/destinations HTTP/1.1\r\nHost: a\r\n\r\n';
const LISTED = 'GET /v1/sys/sync/destinations?list=true HTTP/1.1\r\nHost: a\r\n\r\n';

describe('RequestStreamRewriter with rewriteListVerb', () => {
  it('turns LIST into GET with list=true, keeping an existing query', () => {
    expect(rewrite(LIST)).toBe(LISTED);
    expect(rewrite('LIST /v1/a/?x=1 HTTP/1.1\r\n\r\n')).toBe('GET /v1/a/?x=1&list=true HTTP/1.1\r\n\r\n');
  });

  it('leaves every other method and malformed request lines alone', () => {
    for (const head of ['GET /v1/a HTTP/1.1\r\n\r\n', 'LISTEN /a HTTP/1.1\r\n\r\n', 'LIST /a b HTTP/1.1\r\n\r\n', 'list /a HTTP/1.1\r\n\r\n']) {
      expect(rewrite(head)).toBe(head);
    }
  });

  it('never touches a body that looks like a LIST request, with Content-Length or chunked', () => {
    const body = 'LIST /v1/secret HTTP/1.1\r\n\r\n';
    const sized = `POST /v1/a HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    const chunked = `PUT /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\nX-Trailer: 1\r\n\r\n`;
    expect(rewrite(sized + LIST)).toBe(sized + LISTED);
    expect(rewrite(chunked + LIST)).toBe(chunked + LISTED);
  });

  it('finds each request on a keep-alive connection whatever the chunking of the stream', () => {
    const stream = `${LIST}POST /v1/b HTTP/1.1\r\ncontent-length: 5\r\n\r\nLIST ${LIST}`;
    const expected = `${LISTED}POST /v1/b HTTP/1.1\r\ncontent-length: 5\r\n\r\nLIST ${LISTED}`;
    for (const size of [1, 2, 3, 7, 64]) expect(rewrite(stream, size)).toBe(expected);
  });

  it('gives up rewriting (passes bytes through) after an upgrade or unparseable framing', () => {
    const upgrade = `GET /ws HTTP/1.1\r\nUpgrade: websocket\r\n\r\n${LIST}`;
    const conflicting = `POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n${LIST}`;
    expect(rewrite(upgrade)).toBe(upgrade);
    expect(rewrite(conflicting)).toBe(conflicting);
  });
});
