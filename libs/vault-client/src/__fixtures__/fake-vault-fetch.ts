import { FetchLike } from '../http/vault-request';

export interface RecordedCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
}

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> } | { fail: Error };

/** A `fetch` answering from `answer`, recording every call; for unit tests that need no network. */
export function fakeVaultFetch(answer: (call: RecordedCall) => FakeAnswer): { fetch: FetchLike; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: RecordedCall = {
      method: init.method ?? 'GET',
      url: new URL(url),
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value])),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const reply = answer(call);
    if ('fail' in reply) throw reply.fail;
    const text = reply.body === undefined ? null : JSON.stringify(reply.body);
    return new Response(text, { status: reply.status, headers: reply.headers });
  };
  return { fetch, calls };
}

/** What undici throws when nothing listens: `TypeError('fetch failed')` with the socket error as cause. */
export function connectionRefused(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8200'), { code: 'ECONNREFUSED' }) });
}

export const errorsBody = (...errors: string[]) => ({ errors });
