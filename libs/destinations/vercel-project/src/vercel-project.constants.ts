export const VERCEL_PROJECT_DISPLAY_NAME = 'Vercel';

export const VERCEL_PROJECT_CREDENTIAL_FIELDS = ['access_token'] as const;

export const VERCEL_PROJECT_IMMUTABLE_FIELDS = ['project_id'] as const;

export const VERCEL_DEPLOYMENT_ENVIRONMENTS = ['development', 'preview', 'production'] as const;

/** Project and team ids (`prj_…`, `team_…`) or names/slugs: they appear in URL paths and query strings. */
export const VERCEL_ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
