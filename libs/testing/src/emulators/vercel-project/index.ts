import { EmulatorOptions, RunningEmulator } from '../core/control';
import { CONTROL_PREFIX } from '../core/control-routes';
import { startHttpEmulator } from '../core/http-emulator';
import { authenticate } from './vercel-project.auth';
import { seedControlRouter, seedFromFlags } from './vercel-project.control';
import { faultError, rateLimited, vercelError } from './vercel-project.errors';
import { vercelProjectRouter } from './vercel-project.routes';
import { VercelProjectStore } from './vercel-project.store';
import { Project, VercelSeed } from './vercel-project.types';

export * from './vercel-project.types';
export { MAX_VALUE_BYTES } from './vercel-project.rules';

export interface VercelProjectEmulatorOptions extends EmulatorOptions, VercelSeed {
  /** Command-line flags (`--token`, `--team`, `--project`), seeded next to the options' own seed. */
  flags?: Record<string, string>;
}

export interface RunningVercelProjectEmulator extends RunningEmulator {
  /** Base of the control surface, including `POST …/seed`. */
  controlUrl: string;
  /** Adds tokens, teams and projects; returns the projects with their (possibly generated) ids. */
  seed(seed: VercelSeed): Project[];
}

/**
 * Vercel's project environment-variable REST API (spec §5). Point a client at `url` instead of
 * `https://api.vercel.com`. Reset empties the variables and restores the seeded tokens, teams and projects.
 */
export async function startVercelProjectEmulator(options: VercelProjectEmulatorOptions = {}): Promise<RunningVercelProjectEmulator> {
  const { port, host, flags = {}, tokens = [], teams = [], projects = [] } = options;
  const fromFlags = seedFromFlags(flags);
  const store = new VercelProjectStore({
    tokens: [...tokens, ...(fromFlags.tokens ?? [])],
    teams,
    projects: [...projects, ...(fromFlags.projects ?? [])],
  });
  const running = await startHttpEmulator(
    {
      kind: 'vercel-project',
      router: vercelProjectRouter(),
      context: store,
      notFound: (request) => vercelError(404, 'not_found', `The requested API endpoint was not found: ${request.method} ${request.path}`),
      faultResponse: (status) => faultError(status),
      throttledResponse: (admission) => rateLimited(admission),
      authenticate: (request) => authenticate(store, request),
      state: () => store.snapshot(),
      resetState: () => store.reset(),
      extraControl: seedControlRouter(),
    },
    { port, host },
  );
  return { ...running, controlUrl: `${running.url}${CONTROL_PREFIX}`, seed: (seed) => store.seed(seed) };
}
