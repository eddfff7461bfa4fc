import { controlOverPolicy } from './control-routes';
import { startControlServer } from './control-server';
import { TrafficPolicy } from './traffic-policy';

describe('startControlServer', () => {
  it('serves the shared control endpoints over HTTP for a policy-backed control', async () => {
    const policy = new TrafficPolicy();
    let state = { items: 1 };
    const control = controlOverPolicy(policy, () => state, () => (state = { items: 0 }));
    const server = await startControlServer(control);
    try {
      expect(server.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__emulator$/);
      await expect((await fetch(`${server.controlUrl}/state`)).json()).resolves.toEqual({ items: 1 });

      await fetch(`${server.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ operation: 'Op', status: 503, count: 1 }) });
      expect(policy.admit('Op')).toMatchObject({ kind: 'fault', status: 503 });
      await fetch(`${server.controlUrl}/rate-limit`, { method: 'PUT', body: JSON.stringify({ limit: 0, windowMs: 60_000 }) });
      expect(policy.admit('Op').kind).toBe('throttled');
      await expect((await fetch(`${server.controlUrl}/requests`)).json()).resolves.toEqual({ Op: 2 });

      await fetch(`${server.controlUrl}/reset`, { method: 'POST' });
      expect(control.state()).toEqual({ items: 0 });
      expect(policy.requestCounts()).toEqual({});
      expect((await fetch(`${server.controlUrl}/nothing`)).status).toBe(404);
      expect((await fetch(`${server.controlUrl}/faults`, { method: 'POST', body: '{not json' })).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
