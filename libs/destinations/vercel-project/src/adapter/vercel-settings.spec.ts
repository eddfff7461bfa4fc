import { vercelDestination, SYNC_TOKEN, TEAM_ID } from './__fixtures__/vercel-destinations';
import { VERCEL_BURST, VERCEL_REQUESTS_PER_SECOND, vercelRateLimitDomain } from './vercel-rate-limit';
import { vercelProjectSettingsOf } from './vercel-settings';

describe('vercel-project settings', () => {
  it('reads token, project, team, targets in canonical order and the encrypted default type', () => {
    const settings = vercelProjectSettingsOf(vercelDestination('web', { team_id: TEAM_ID, deployment_environments: 'production,development,preview' }));
    expect(settings).toEqual({
      accessToken: SYNC_TOKEN,
      projectId: 'prj_site',
      teamId: TEAM_ID,
      targets: ['development', 'preview', 'production'],
      envVarType: 'encrypted',
    });
  });

  it('reads a personal project and the sensitive type', () => {
    const settings = vercelProjectSettingsOf(vercelDestination('web', { team_id: '', env_var_type: 'sensitive', deployment_environments: ['preview'] }));
    expect(settings).toMatchObject({ teamId: undefined, envVarType: 'sensitive', targets: ['preview'] });
  });
});

describe('vercel-project rate-limit domain', () => {
  it('gives a team one budget whichever token calls', () => {
    const domain = vercelRateLimitDomain(vercelProjectSettingsOf(vercelDestination('a', { team_id: TEAM_ID })));
    expect(domain).toEqual({ key: `vercel-project:team-${TEAM_ID}`, requestsPerSecond: VERCEL_REQUESTS_PER_SECOND, burst: VERCEL_BURST });
    const otherToken = vercelRateLimitDomain(vercelProjectSettingsOf(vercelDestination('b', { team_id: TEAM_ID, access_token: 'another-token' })));
    expect(otherToken.key).toBe(domain.key);
  });

  it('keys a personal project by a hash of the token, never the token itself', () => {
    const { key } = vercelRateLimitDomain(vercelProjectSettingsOf(vercelDestination('a')));
    expect(key).toMatch(/^vercel-project:token-[0-9a-f]{16}$/);
    expect(key).not.toContain(SYNC_TOKEN);
    expect(vercelRateLimitDomain(vercelProjectSettingsOf(vercelDestination('b', { project_id: 'prj_other' }))).key).toBe(key);
    expect(vercelRateLimitDomain(vercelProjectSettingsOf(vercelDestination('c', { access_token: 'another-token' }))).key).not.toBe(key);
  });
});
