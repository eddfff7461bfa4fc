import { frontDoorRewriter } from './vault.front-door';

const client = { address: '127.0.0.1', port: 40000 };
const text = (buffers: Buffer[]) => Buffer.concat(buffers).toString('latin1');

describe('front door request rewriting', () => {
  it('turns LIST into GET with list=true and adds the client address headers', () => {
    const out = text(frontDoorRewriter(client).push(Buffer.from('LIST /v1/secret/metadata/app?x=1 HTTP/1.1\r\nHost: h\r\nX-Vault-Emulator-Remote-Address: 6.6.6.6\r\n\r\n')));
    expect(out).toBe(
      'GET /v1/secret/metadata/app?x=1&list=true HTTP/1.1\r\n' +
        'x-vault-emulator-remote-address: 127.0.0.1\r\nx-vault-emulator-remote-port: 40000\r\nx-vault-emulator-request-uri: /v1/secret/metadata/app?x=1\r\n' +
        'Host: h\r\n\r\n',
    );
  });

  it('passes bodies through untouched, even when they look like request lines, across chunk splits', () => {
    const rewriter = frontDoorRewriter(client);
    const body = 'LIST /x HTTP/1.1\r\n\r\n';
    const first = `POST /v1/a HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}LIST /v1/b HTTP/1.1\r\n`;
    const out = text([...rewriter.push(Buffer.from(first.slice(0, 30))), ...rewriter.push(Buffer.from(first.slice(30))), ...rewriter.push(Buffer.from('\r\n'))]);
    expect(out).toContain(`\r\n\r\n${body}GET /v1/b?list=true HTTP/1.1\r\n`);
    expect(out.match(/GET|POST/g)).toEqual(['POST', 'GET']);
  });

  it('follows chunked bodies to the next request', () => {
    const rewriter = frontDoorRewriter(client);
    const out = text(rewriter.push(Buffer.from('PUT /v1/a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nLIST \r\n0\r\n\r\nLIST /v1/c HTTP/1.1\r\n\r\n')));
    expect(out).toContain('5\r\nLIST \r\n0\r\n\r\nGET /v1/c?list=true HTTP/1.1\r\n');
  });
});
