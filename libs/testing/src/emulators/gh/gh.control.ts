import { CONTROL_PREFIX } from '../core/control-routes';
import { EmulatorResponse, jsonBody, Router } from '../core/router';
import { GhContext } from './gh.http';
import { GhRateLimits, GhSeed, SecretScopeRef } from './gh.types';

const objectBody = <T>(body: unknown): T | undefined => (typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as T) : undefined);
const badControl = (error: string): EmulatorResponse => ({ status: 400, body: { error } });

/**
 * GitHub-specific helpers next to the shared control surface:
 * `POST …/seed` (a {@link GhSeed}), `POST …/rotate-key` (a {@link SecretScopeRef}; answers the new public key)
 * and `PUT …/github-rate-limits` ({@link GhRateLimits}; unset parts take GitHub's numbers).
 */
export function ghControlRouter(): Router<GhContext> {
  return new Router<GhContext>()
    .add('POST', `${CONTROL_PREFIX}/seed`, 'control', (request, { store }) => {
      const seed = objectBody<GhSeed>(jsonBody<unknown>(request));
      if (!seed) return badControl('body must be a JSON object: { organizations?, repositories?, tokens?, apps? }');
      store.seed(seed);
      return { status: 200, body: { ok: true } };
    })
    .add('POST', `${CONTROL_PREFIX}/rotate-key`, 'control', (request, { store }) => {
      const ref = objectBody<SecretScopeRef>(jsonBody<unknown>(request));
      const scope = ref && store.scope(ref);
      if (!scope) return badControl('body must name a seeded scope: { repository: "owner/name", environment? } or { organization }');
      scope.keys.rotate();
      return { status: 200, body: scope.keys.view() };
    })
    .add('PUT', `${CONTROL_PREFIX}/github-rate-limits`, 'control', (request, { limiter }) => {
      const limits = objectBody<GhRateLimits>(jsonBody<unknown>(request));
      if (!limits) return badControl('body must be a JSON object: { primary?, secondary? }');
      limiter.configure(limits);
      return { status: 200, body: { ok: true } };
    });
}

/** The CLI's `--token T --org LOGIN --repo OWNER/NAME --environments a,b`. */
export function seedFromFlags(flags: Record<string, string>): GhSeed {
  const { token, org, repo, environments } = flags;
  const [owner, name] = repo?.split('/') ?? [];
  return {
    tokens: token === undefined ? [] : [token],
    organizations: org === undefined ? [] : [{ login: org }],
    repositories: owner && name ? [{ owner, name, environments: environments?.split(',').filter(Boolean) ?? [] }] : [],
  };
}
