import {
  CREDENTIAL_MASK,
  CREDENTIAL_SENTINEL,
  VALID_DESTINATION_BODIES,
  createDestinationInput,
  destinationReadShape,
  updateDestinationInput,
} from '@vault-sync/destinations-core';
import { Destination } from '@vault-sync/domain';
import { VERCEL_PROJECT_DESTINATION_TYPE as SPEC } from './vercel-project.schemas';

const BODY = VALID_DESTINATION_BODIES['vercel-project'];

function create(body: Record<string, unknown>): Destination {
  return { ...createDestinationInput(SPEC, 'web-app', body), createdAt: '', updatedAt: '' };
}

describe('vercel-project configuration', () => {
  it('stores the token apart and defaults to secret-key with the GitHub-style template', () => {
    const destination = create({ ...BODY, team_id: 'team_acme' });
    expect(destination.credentials).toEqual({ access_token: BODY['access_token'] });
    expect(destination.connection).toEqual({
      project_id: 'prj_abc123',
      team_id: 'team_acme',
      deployment_environments: ['production'],
      disable_strict_networking: false,
    });
    expect(destination.options.granularity).toBe('secret-key');
    expect(destination.options.secretNameTemplate).toContain('.SecretKey');
  });

  it('reads deployment environments from a comma string, each once', () => {
    expect(create({ ...BODY, deployment_environments: 'preview,production,preview' }).connection['deployment_environments']).toEqual([
      'preview',
      'production',
    ]);
  });

  it('masks the token on read and has no custom_tags', () => {
    const shape = destinationReadShape(SPEC, create(BODY));
    expect(shape.connection_details['access_token']).toBe(CREDENTIAL_MASK);
    expect(shape.options).not.toHaveProperty('custom_tags');
    expect(JSON.stringify(shape)).not.toContain(CREDENTIAL_SENTINEL);
  });

  it('updates the environments and team while keeping a masked token', () => {
    const existing = create(BODY);
    const updated = updateDestinationInput(SPEC, existing, { access_token: CREDENTIAL_MASK, deployment_environments: ['preview'], team_id: 'team_x' }, 'replace');
    expect(updated.credentials).toEqual(existing.credentials);
    expect(updated.connection).toMatchObject({ deployment_environments: ['preview'], team_id: 'team_x' });
  });

  it('takes an optional env_var_type, refusing sensitive variables in development', () => {
    expect(create(BODY).connection).not.toHaveProperty('env_var_type');
    expect(create({ ...BODY, env_var_type: 'sensitive', deployment_environments: ['production', 'preview'] }).connection['env_var_type']).toBe('sensitive');
    expect(() => create({ ...BODY, env_var_type: 'sensitive', deployment_environments: ['production', 'development'] })).toThrow(/env_var_type/);
    expect(() => create({ ...BODY, env_var_type: 'plain' })).toThrow(/env_var_type/);
  });
});
