import { request } from 'node:http';

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * One HTTP request with the path sent exactly as given (fetch would normalise `..` and `%2E%2E` away) and the
 * body as raw bytes.
 */
export function rawRequest(port: number, options: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}
