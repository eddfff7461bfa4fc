export const VERCEL_PROJECT_DISPLAY_NAME = 'Vercel';

export const VERCEL_PROJECT_CREDENTIAL_FIELDS = ['access_token'] as const;

export const VERCEL_PROJECT_IMMUTABLE_FIELDS = ['project_id'] as const;

export const VERCEL_DEPLOYMENT_ENVIRONMENTS = ['development', 'preview', 'production'] as const;

/** Project and team ids (`prj_…`, `team_…`) or names/slugs: they appear in URL paths and query strings. */
export const VERCEL_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * How variables are stored (spec §4.5 [I]): `encrypted` (readable by the project's members) or `sensitive`
 * (write-only). Vercel refuses sensitive variables in the development environment (spec §5.1).
 */
export const VERCEL_ENV_VAR_TYPES = ['encrypted', 'sensitive'] as const;
export const DEFAULT_VERCEL_ENV_VAR_TYPE = 'encrypted';
