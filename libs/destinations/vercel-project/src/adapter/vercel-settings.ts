import { Destination } from '@vault-sync/domain';
import { z } from 'zod';
import { DEFAULT_VERCEL_ENV_VAR_TYPE, VERCEL_DEPLOYMENT_ENVIRONMENTS, VERCEL_ENV_VAR_TYPES } from '../vercel-project.constants';

export type VercelTarget = (typeof VERCEL_DEPLOYMENT_ENVIRONMENTS)[number];
export type VercelEnvVarType = (typeof VERCEL_ENV_VAR_TYPES)[number];

/** What the adapter needs from a stored vercel-project destination, typed. */
export interface VercelProjectSettings {
  accessToken: string;
  projectId: string;
  /** The owning team (`?teamId=`); undefined for a personal project. */
  teamId?: string;
  /** The targets every variable gets, in Vercel's canonical order. */
  targets: VercelTarget[];
  envVarType: VercelEnvVarType;
}

const connectionSchema = z.looseObject({
  project_id: z.string().min(1),
  team_id: z.string().optional(),
  deployment_environments: z.array(z.enum(VERCEL_DEPLOYMENT_ENVIRONMENTS)).min(1),
  env_var_type: z.enum(VERCEL_ENV_VAR_TYPES).optional(),
});

const credentialsSchema = z.looseObject({ access_token: z.string().min(1) });

/** Reads the stored destination; the API validated it on write, so a failure here is a stored-data bug. */
export function vercelProjectSettingsOf(destination: Destination): VercelProjectSettings {
  const connection = connectionSchema.parse(destination.connection);
  const { access_token: accessToken } = credentialsSchema.parse(destination.credentials);
  return {
    accessToken,
    projectId: connection.project_id,
    teamId: connection.team_id || undefined,
    targets: VERCEL_DEPLOYMENT_ENVIRONMENTS.filter((target) => connection.deployment_environments.includes(target)),
    envVarType: connection.env_var_type ?? DEFAULT_VERCEL_ENV_VAR_TYPE,
  };
}
