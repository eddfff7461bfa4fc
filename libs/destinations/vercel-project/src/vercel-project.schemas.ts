import { DestinationTypeSpec, choiceField, listField, matching, optionalText, report, requiredText } from '@vault-sync/destinations-core';
import { z } from 'zod';
import {
  VERCEL_DEPLOYMENT_ENVIRONMENTS,
  VERCEL_ENV_VAR_TYPES,
  VERCEL_ID_PATTERN,
  VERCEL_PROJECT_CREDENTIAL_FIELDS,
  VERCEL_PROJECT_DISPLAY_NAME,
  VERCEL_PROJECT_IMMUTABLE_FIELDS,
} from './vercel-project.constants';

const ID_RULE = 'must be 1-100 letters, digits, ., _ or -';

/** vercel-project fields (spec §4.5); `env_var_type` is ours (§4.5 recommends making the type configurable). */
export const vercelProjectFieldsSchema = z
  .strictObject({
    access_token: requiredText(),
    project_id: requiredText(matching(VERCEL_ID_PATTERN, ID_RULE)),
    team_id: optionalText(matching(VERCEL_ID_PATTERN, ID_RULE)),
    deployment_environments: listField(z.enum(VERCEL_DEPLOYMENT_ENVIRONMENTS)).refine(
      (environments) => environments.length > 0,
      `must list at least one of ${VERCEL_DEPLOYMENT_ENVIRONMENTS.join(', ')}`,
    ),
    env_var_type: choiceField(VERCEL_ENV_VAR_TYPES),
  })
  .superRefine((fields, ctx) => {
    if (fields.env_var_type === 'sensitive' && fields.deployment_environments.includes('development')) {
      report(ctx, 'env_var_type', 'sensitive variables cannot target the development environment; remove it from deployment_environments');
    }
  });

export type VercelProjectFields = z.output<typeof vercelProjectFieldsSchema>;

export const VERCEL_PROJECT_DESTINATION_TYPE: DestinationTypeSpec = {
  kind: 'vercel-project',
  displayName: VERCEL_PROJECT_DISPLAY_NAME,
  fieldsSchema: vercelProjectFieldsSchema,
  credentialFields: VERCEL_PROJECT_CREDENTIAL_FIELDS,
  immutableFields: VERCEL_PROJECT_IMMUTABLE_FIELDS,
  updateRules: [],
  supportsCustomTags: false,
  ignoredFields: [],
  nestedReadFields: {},
};
