import { createServer, Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { acceptListVerb } from './list-verb-connection';

/** Sends raw bytes on one connection and collects everything the server answers until it closes. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

describe('LIST over a real socket', () => {
  let server: Server;
  let port: number;

  beforeEach(async () => {
    server = acceptListVerb(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => response.end(`${request.method} ${request.url} ${request.socket.remoteAddress} body=${Buffer.concat(chunks).length}\n`));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is refused by a plain Node server (the problem being solved)', async () => {
    const plain = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const answer = await exchange((plain.address() as AddressInfo).port, 'LIST /v1/x HTTP/1.1\r\nHost: a\r\n\r\n');
    plain.close();
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
  });

  it('arrives as GET ?list=true, with the client address intact', async () => {
    const answer = await exchange(port, 'LIST /v1/sys/sync/destinations/ HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(answer).toContain('GET /v1/sys/sync/destinations/?list=true 127.0.0.1 body=0');
  });

  it('serves pipelined requests with bodies on one keep-alive connection', async () => {
    const body = 'LIST /v1/not-a-request HTTP/1.1\r\n\r\n';
    const requests = [
      'LIST /v1/a HTTP/1.1\r\nHost: a\r\n\r\n',
      `POST /v1/b HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      `PUT /v1/c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      'LIST /v1/d?x=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    ];
    const answer = await exchange(port, requests.join(''));
    const lines = answer.split('\n').filter((line) => /^(GET|POST|PUT) /.test(line));
    expect(lines).toEqual([
      'GET /v1/a?list=true 127.0.0.1 body=0',
      `POST /v1/b 127.0.0.1 body=${body.length}`,
      `PUT /v1/c 127.0.0.1 body=${body.length}`,
      'GET /v1/d?x=1&list=true 127.0.0.1 body=0',
    ]);
  });
});
