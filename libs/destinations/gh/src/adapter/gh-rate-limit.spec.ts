import { GH_BURST, GH_REQUESTS_PER_SECOND, ghRateLimitDomain } from './gh-rate-limit';

describe('ghRateLimitDomain', () => {
  it('gives each token one budget, keyed by a hash that does not carry the token', () => {
    const domain = ghRateLimitDomain({ kind: 'token', token: 'ghp_secret_one' });
    expect(domain).toEqual({ key: expect.stringMatching(/^gh:token-[0-9a-f]{16}$/), requestsPerSecond: GH_REQUESTS_PER_SECOND, burst: GH_BURST });
    expect(domain.key).not.toContain('ghp_secret_one');
    expect(ghRateLimitDomain({ kind: 'token', token: 'ghp_secret_one' }).key).toBe(domain.key);
    expect(ghRateLimitDomain({ kind: 'token', token: 'ghp_secret_two' }).key).not.toBe(domain.key);
  });

  it('gives each app installation its own budget', () => {
    expect(ghRateLimitDomain({ kind: 'app', appName: 'acme-sync', installationId: 42 }).key).toBe('gh:app-acme-sync-installation-42');
  });

  it('stays under the primary limit of 5,000 requests an hour', () => {
    expect(GH_REQUESTS_PER_SECOND * 3600).toBeLessThan(5_000);
  });
});
