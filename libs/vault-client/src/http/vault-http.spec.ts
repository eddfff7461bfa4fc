import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import { connectionRefused, errorsBody, FakeAnswer, fakeVaultFetch, RecordedCall } from '../__fixtures__/fake-vault-fetch';
import { ManualClock } from '../__fixtures__/manual-clock';
import { VaultHttp } from './vault-http';

const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

function httpAnswering(answer: (call: RecordedCall) => FakeAnswer, extra: { namespace?: string; address?: string } = {}) {
  const fake = fakeVaultFetch(answer);
  const clock = new ManualClock();
  const http = new VaultHttp({ address: extra.address ?? 'https://vault.test:8200', namespace: extra.namespace, requestTimeoutMs: 1000, retry, fetch: fake.fetch, clock, random: () => 0 });
  return { http, calls: fake.calls, clock };
}

/** Answers from a script, one entry per call. */
const scripted = (...answers: FakeAnswer[]) => {
  let i = 0;
  return () => answers[Math.min(i++, answers.length - 1)];
};

async function failureOf(promise: Promise<unknown>): Promise<InternalVaultError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InternalVaultError);
  return err as InternalVaultError;
}

describe('VaultHttp', () => {
  it('sends the token, namespace and request-marker headers under /v1/ of the address', async () => {
    const { http, calls } = httpAnswering(() => ({ status: 200, body: { data: {} } }), { namespace: 'team-a/', address: 'https://vault.test:8200/proxy/' });
    await http.send({ method: 'GET', path: 'secret/data/a%3Fb', query: { version: '3' }, token: 'hvs.own' });
    expect(calls[0].url.toString()).toBe('https://vault.test:8200/proxy/v1/secret/data/a%3Fb?version=3');
    expect(calls[0].headers).toEqual({ 'x-vault-request': 'true', 'x-vault-token': 'hvs.own', 'x-vault-namespace': 'team-a/' });
  });

  it('lets a request override the namespace and sends JSON bodies', async () => {
    const { http, calls } = httpAnswering(() => ({ status: 200, body: {} }), { namespace: 'team-a/' });
    await http.send({ method: 'POST', path: 'sys/capabilities-self', body: { paths: ['x'] }, token: 't', namespace: 'team-b/' });
    expect(calls[0].headers['x-vault-namespace']).toBe('team-b/');
    expect(calls[0].headers['content-type']).toBe('application/json');
    expect(calls[0].body).toEqual({ paths: ['x'] });
  });

  it('keeps a first path segment containing ":" a path', async () => {
    const { http, calls } = httpAnswering(() => ({ status: 200, body: {} }));
    await http.send({ method: 'GET', path: 'a:b/data/x' });
    expect(calls[0].url.pathname).toBe('/v1/a:b/data/x');
  });

  it('returns 404 answers for the caller to interpret', async () => {
    const { http } = httpAnswering(() => ({ status: 404, body: errorsBody() }));
    await expect(http.send({ method: 'GET', path: 'secret/data/x' })).resolves.toEqual({ status: 404, body: { errors: [] } });
  });

  it('retries 5xx with growing delays, then succeeds', async () => {
    const { http, calls, clock } = httpAnswering(scripted({ status: 503, body: errorsBody('Vault is sealed') }, { status: 500 }, { status: 200, body: { ok: true } }));
    await expect(http.send({ method: 'GET', path: 'sys/mounts' })).resolves.toEqual({ status: 200, body: { ok: true } });
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with a retryable vault_unavailable carrying Vault\'s message', async () => {
    const { http, calls } = httpAnswering(() => ({ status: 503, body: errorsBody('Vault is sealed') }));
    const err = await failureOf(http.send({ method: 'GET', path: 'secret/data/x' }));
    expect(calls).toHaveLength(3);
    expect(err.code).toBe(ErrorCode.VaultUnavailable);
    expect(err.retryable).toBe(true);
    expect(err.statusCode).toBe(503);
    expect(err.message).toBe('Vault failed GET secret/data/x (HTTP 503): Vault is sealed');
  });

  it('retries a refused connection and reports it without the request', async () => {
    const { http, calls } = httpAnswering(() => ({ fail: connectionRefused() }));
    const err = await failureOf(http.send({ method: 'GET', path: 'secret/data/x', token: 'hvs.own' }));
    expect(calls).toHaveLength(3);
    expect(err.message).toBe('Vault unreachable for GET secret/data/x: ECONNREFUSED');
  });

  it('treats a timeout as transient', async () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const { http, calls } = httpAnswering(scripted({ fail: timeout }, { status: 204 }));
    await expect(http.send({ method: 'GET', path: 'x' })).resolves.toEqual({ status: 204, body: undefined });
    expect(calls).toHaveLength(2);
  });

  it('never retries a 403 and never echoes the token', async () => {
    const { http, calls } = httpAnswering(() => ({ status: 403, body: errorsBody('permission denied for hvs.own') }));
    const err = await failureOf(http.send({ method: 'GET', path: 'secret/data/x', token: 'hvs.own' }));
    expect(calls).toHaveLength(1);
    expect(err.code).toBe(ErrorCode.VaultPermissionDenied);
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain('hvs.own');
  });

  it('hands a 429 back at once, retryable later with its Retry-After', async () => {
    const { http, calls } = httpAnswering(() => ({ status: 429, body: errorsBody('rate limit quota exceeded'), headers: { 'retry-after': '7' } }));
    const err = await failureOf(http.send({ method: 'GET', path: 'x' }));
    expect(calls).toHaveLength(1);
    expect(err).toMatchObject({ code: ErrorCode.VaultUnavailable, retryable: true, retryAfterMs: 7000, statusCode: 429 });
  });
});
