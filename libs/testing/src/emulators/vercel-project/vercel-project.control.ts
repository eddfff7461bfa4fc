import { CONTROL_PREFIX } from '../core/control-routes';
import { jsonBody, Router } from '../core/router';
import { VercelProjectStore } from './vercel-project.store';
import { VercelSeed } from './vercel-project.types';

const SEED_PATH = `${CONTROL_PREFIX}/seed`;

/** `POST /__emulator/seed` with a {@link VercelSeed}: adds tokens, teams and projects to a running emulator. */
export function seedControlRouter(): Router<VercelProjectStore> {
  return new Router<VercelProjectStore>().add('POST', SEED_PATH, 'control', (request, store) => {
    const seed = jsonBody<VercelSeed>(request);
    if (typeof seed !== 'object' || seed === null) return { status: 400, body: { error: 'body must be a JSON object: { tokens?, teams?, projects? }' } };
    return { status: 200, body: { projects: store.seed(seed) } };
  });
}

/** The CLI's `--token T [--team ID] [--project NAME]`: one token, optionally a team member, and one project. */
export function seedFromFlags(flags: Record<string, string>): VercelSeed {
  const { token, team, project } = flags;
  return {
    tokens: token === undefined ? [] : [{ token, teamIds: team === undefined ? [] : [team] }],
    projects: project === undefined ? [] : [{ name: project, teamId: team }],
  };
}
