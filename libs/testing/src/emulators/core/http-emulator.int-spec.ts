import { request as httpRequest } from 'node:http';
import { RunningEmulator } from './control';
import { CONTROL_PREFIX, startHttpEmulator } from './http-emulator';
import { Router, jsonBody } from './router';

interface Store {
  items: Map<string, string>;
}

async function startToyEmulator(): Promise<RunningEmulator> {
  const store: Store = { items: new Map() };
  const router = new Router<Store>()
    .add('PUT', '/items/:name', 'PutItem', (request, ctx) => {
      const body = jsonBody<{ value?: string }>(request);
      if (!body?.value) return { status: 400, body: { message: 'value required' } };
      ctx.items.set(request.params['name'], body.value);
      return { status: 201, body: { name: request.params['name'] } };
    })
    .add('GET', '/items/:name', 'GetItem', (request, ctx) => {
      const value = ctx.items.get(request.params['name']);
      return value === undefined ? { status: 404, body: { message: 'missing' } } : { status: 200, body: { value } };
    });
  return startHttpEmulator<Store>({
    kind: 'toy',
    router,
    context: store,
    notFound: () => ({ status: 404, body: { message: 'no route' } }),
    faultResponse: (status) => ({ status, body: { message: 'injected' } }),
    throttledResponse: (a) => ({ status: 429, headers: { 'retry-after': String(Math.ceil(a.retryAfterMs / 1000)) }, body: { message: 'slow down' } }),
    authenticate: (request) => (request.headers['authorization'] === 'Bearer good' ? undefined : { status: 401, body: { message: 'bad credentials' } }),
    state: () => Object.fromEntries(store.items),
    resetState: () => store.items.clear(),
  });
}

const auth = { authorization: 'Bearer good', 'content-type': 'application/json' };

describe('startHttpEmulator', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startToyEmulator();
  });
  afterEach(() => emulator.close());

  it('routes with path parameters, authenticates, and exposes state over HTTP', async () => {
    expect((await fetch(`${emulator.url}/items/a%2Fb`, { method: 'PUT', headers: auth, body: '{"value":"v1"}' })).status).toBe(201);
    expect(await (await fetch(`${emulator.url}/items/a%2Fb`, { headers: auth })).json()).toEqual({ value: 'v1' });
    expect((await fetch(`${emulator.url}/items/x`, { headers: { authorization: 'Bearer bad' } })).status).toBe(401);
    expect((await fetch(`${emulator.url}/nowhere`, { headers: auth })).status).toBe(404);
    expect(await (await fetch(`${emulator.url}${CONTROL_PREFIX}/state`)).json()).toEqual({ 'a/b': 'v1' });
    expect(await (await fetch(`${emulator.url}${CONTROL_PREFIX}/requests`)).json()).toEqual({ PutItem: 1, GetItem: 2, unmatched: 1 });
  });

  it('injects status faults and connection resets through the HTTP control surface', async () => {
    await fetch(`${emulator.url}${CONTROL_PREFIX}/faults`, { method: 'POST', body: JSON.stringify({ operation: 'GetItem', status: 503, count: 1 }) });
    const failed = await fetch(`${emulator.url}/items/a`, { headers: auth });
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ message: 'injected' });
    expect((await fetch(`${emulator.url}/items/a`, { headers: auth })).status).toBe(404);

    emulator.control.injectFault({ connectionReset: true, count: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${emulator.url}/items/a`, { headers: auth }, () => resolve('answered'));
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      req.end();
    });
    expect(outcome).toBe('ECONNRESET');
  });

  it('throttles past the rate limit with the emulator-specific answer, and resets', async () => {
    await fetch(`${emulator.url}${CONTROL_PREFIX}/rate-limit`, { method: 'PUT', body: JSON.stringify({ limit: 1, windowMs: 60_000 }) });
    expect((await fetch(`${emulator.url}/items/a`, { headers: auth })).status).toBe(404);
    const throttled = await fetch(`${emulator.url}/items/a`, { headers: auth });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    await fetch(`${emulator.url}${CONTROL_PREFIX}/reset`, { method: 'POST' });
    expect((await fetch(`${emulator.url}/items/a`, { headers: auth })).status).toBe(404);
    expect(emulator.control.requestCounts()).toEqual({ GetItem: 1 });
  });
});
