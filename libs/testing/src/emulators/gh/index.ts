import { EmulatorOptions, RunningEmulator } from '../core/control';
import { CONTROL_PREFIX, startHttpEmulator } from '../core/http-emulator';
import { Router } from '../core/router';
import { addAccountRoutes } from './gh.account-routes';
import { ghControlRouter, seedFromFlags } from './gh.control';
import { errorResponse, faultResponse } from './gh.errors';
import { gate, GhContext, respond, secondaryRateLimited, withGitHubHeaders } from './gh.http';
import { addOrgSecretRoutes } from './gh.org-secret-routes';
import { GhRateLimiter } from './gh.rate-limit';
import { sodiumReady } from './gh.sealed-box';
import { addRepositorySecretRoutes } from './gh.secret-routes';
import { GhStore } from './gh.store';
import { GhRateLimits, GhSeed, SecretScopeRef } from './gh.types';

export * from './gh.types';
export { MAX_SECRET_VALUE_BYTES } from './gh.names';

export interface GhEmulatorOptions extends EmulatorOptions, GhSeed {
  /** Command-line flags (`--token`, `--org`, `--repo owner/name`, `--environments a,b`), seeded next to the options. */
  flags?: Record<string, string>;
  /** Primary and secondary budgets; GitHub's published numbers where unset. */
  rateLimits?: GhRateLimits;
  /** Milliseconds since the epoch, for JWT checks, token expiry and rate windows; lets tests move time. */
  now?: () => number;
  /** Lifetime of installation access tokens; GitHub's one hour by default. */
  installationTokenTtlMs?: number;
}

export interface RunningGhEmulator extends RunningEmulator {
  /** Base of the control surface, including `POST …/seed`, `POST …/rotate-key` and `PUT …/github-rate-limits`. */
  controlUrl: string;
  seed(seed: GhSeed): void;
  /** Gives a repository, environment or organization a new key pair and `key_id`; the old id turns stale. */
  rotateKey(scope: SecretScopeRef): { key_id: string; key: string };
  setRateLimits(limits: GhRateLimits): void;
}

/**
 * GitHub's REST API for Actions secrets (spec §4), for `new Octokit({ auth, baseUrl: url })`. Sealed values are
 * opened with each scope's private key, so `control.state()` shows plaintext. Reset empties the secrets, issued
 * tokens and rate budgets and restores the seed, with fresh key pairs.
 */
export async function startGhEmulator(options: GhEmulatorOptions = {}): Promise<RunningGhEmulator> {
  const { port, host, flags = {}, rateLimits = {}, now = Date.now, installationTokenTtlMs, organizations = [], repositories = [], tokens = [], apps = [] } = options;
  await sodiumReady();
  const fromFlags = seedFromFlags(flags);
  const seed: GhSeed = {
    organizations: [...organizations, ...(fromFlags.organizations ?? [])],
    repositories: [...repositories, ...(fromFlags.repositories ?? [])],
    tokens: [...tokens, ...(fromFlags.tokens ?? [])],
    apps,
  };
  const context: GhContext = { store: new GhStore(seed, now, installationTokenTtlMs), limiter: new GhRateLimiter(rateLimits, now), now };
  const router = new Router<GhContext>();
  addRepositorySecretRoutes(router);
  addOrgSecretRoutes(router);
  addAccountRoutes(router);
  const running = await startHttpEmulator(
    {
      kind: 'gh',
      router,
      context,
      notFound: (request) => respond(context, request, errorResponse(404, 'Not Found')),
      faultResponse: (status) => withGitHubHeaders(faultResponse(status), undefined),
      // The shared limit (`control.setRateLimit`) answers as GitHub's secondary limit: per endpoint when given an operation.
      throttledResponse: (admission) =>
        secondaryRateLimited(context.limiter.state().settings.secondary.status, Math.max(1, Math.ceil(admission.retryAfterMs / 1000)), undefined),
      authenticate: (request) => gate(context, request),
      state: () => ({ ...context.store.snapshot(), rateLimits: context.limiter.state() }),
      resetState: () => {
        context.store.reset();
        context.limiter.reset();
      },
      extraControl: ghControlRouter(),
    },
    { port, host },
  );
  return {
    ...running,
    controlUrl: `${running.url}${CONTROL_PREFIX}`,
    seed: (more) => context.store.seed(more),
    rotateKey: (scope) => {
      const target = context.store.scope(scope);
      if (!target) throw new Error(`no such scope: ${JSON.stringify(scope)}`);
      target.keys.rotate();
      return target.keys.view();
    },
    setRateLimits: (limits) => context.limiter.configure(limits),
  };
}
