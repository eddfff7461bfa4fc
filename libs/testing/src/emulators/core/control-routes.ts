import { EmulatorControl, FaultSpec, RateLimitSpec } from './control';
import { EmulatorRequest, EmulatorResponse, Router } from './router';
import { TrafficPolicy } from './traffic-policy';

export const CONTROL_PREFIX = '/__emulator';

/** An EmulatorControl whose faults, limits and counters live in `policy`, and whose state is the emulator's. */
export function controlOverPolicy(policy: TrafficPolicy, state: () => unknown, resetState: () => void): EmulatorControl {
  return {
    state,
    reset: () => {
      resetState();
      policy.reset();
    },
    injectFault: (fault) => policy.injectFault(fault),
    clearFaults: () => policy.clearFaults(),
    setRateLimit: (limit) => policy.setRateLimit(limit),
    requestCounts: () => policy.requestCounts(),
  };
}

/** The control surface over HTTP, for emulators run standalone (`npm run emulator`). */
export function controlRouter(): Router<EmulatorControl> {
  const ok = (body?: unknown): EmulatorResponse => ({ status: 200, body: body ?? { ok: true } });
  const parse = <T>(request: EmulatorRequest): T => JSON.parse(request.body.toString('utf8') || '{}') as T;
  return new Router<EmulatorControl>()
    .add('GET', `${CONTROL_PREFIX}/state`, 'control', (_r, c) => ok(c.state()))
    .add('POST', `${CONTROL_PREFIX}/reset`, 'control', (_r, c) => (c.reset(), ok()))
    .add('POST', `${CONTROL_PREFIX}/faults`, 'control', (r, c) => (c.injectFault(parse<FaultSpec>(r)), ok()))
    .add('DELETE', `${CONTROL_PREFIX}/faults`, 'control', (_r, c) => (c.clearFaults(), ok()))
    .add('PUT', `${CONTROL_PREFIX}/rate-limit`, 'control', (r, c) => (c.setRateLimit(parse<RateLimitSpec>(r)), ok()))
    .add('DELETE', `${CONTROL_PREFIX}/rate-limit`, 'control', (_r, c) => (c.setRateLimit(undefined), ok()))
    .add('GET', `${CONTROL_PREFIX}/requests`, 'control', (_r, c) => ok(c.requestCounts()));
}
