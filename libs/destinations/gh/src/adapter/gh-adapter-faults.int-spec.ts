import { vaultSyncFailureOf } from '@vault-sync/testing';
import { ClientSideError, DestinationAdapter, ErrorCode, ExternalServiceError } from '@vault-sync/domain';
import { RunningGhEmulator, startGhEmulator } from '@vault-sync/testing/emulators/gh';
import { desiredObject, EMULATOR_SEED, ghDestination, organizationDestination, OWNER, TOKEN } from './__fixtures__/gh-destinations';
import { GhAdapterFactory } from './gh-adapter-factory';
import { SECONDARY_RATE_LIMIT_WAIT_MS } from './gh-errors';

const HOUR_MS = 3_600_000;

describe('gh adapter: credentials, rate limits and faults', () => {
  let emulator: RunningGhEmulator;
  const adapters: DestinationAdapter[] = [];

  beforeAll(async () => {
    emulator = await startGhEmulator(EMULATOR_SEED);
  });
  afterEach(async () => {
    await Promise.all(adapters.splice(0).map((adapter) => adapter.close()));
    emulator.control.clearFaults();
    emulator.control.setRateLimit(undefined);
    emulator.control.reset();
  });
  afterAll(() => emulator.close());

  function adapterFor(destination = ghDestination('ci-repo')) {
    const adapter = new GhAdapterFactory({ apiBaseUrl: emulator.url }).create(destination);
    adapters.push(adapter);
    return { destination, adapter };
  }

  it('reports a bad token as CLIENT_SIDE auth failure without the token in the message', async () => {
    const badToken = 'ghp_not0a0token000000000000000000000000000';
    const { adapter } = adapterFor(ghDestination('ci-repo', { access_token: badToken }));
    const failure = await vaultSyncFailureOf(adapter.inspect('ANY'));
    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.retryable).toBe(false);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationAuthFailed, statusCode: 401 });
    expect(failure.message).toContain('Bad credentials');
    expect(failure.message).not.toContain(badToken);
  });

  it('reports a repository the token cannot see as CLIENT_SIDE not found, naming it', async () => {
    const { destination, adapter } = adapterFor(ghDestination('ci-repo', { repository_name: 'missing' }));
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'APP', 'v'), undefined));
    expect(failure.toRecord()).toMatchObject({ failureClass: 'CLIENT_SIDE_ERROR', code: ErrorCode.DestinationNotFound, statusCode: 404 });
    expect(failure.message).toContain(`repository ${OWNER}/missing`);
  });

  it('reports a selected repository that does not exist as CLIENT_SIDE, naming it', async () => {
    const destination = organizationDestination('ci-org', { organization_visibility: 'selected', selected_repository_names: ['nope'] });
    const { adapter } = adapterFor(destination);
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'ORG', 'v'), undefined));
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationNotFound, statusCode: 404 });
    expect(failure.message).toContain(`selected repository ${OWNER}/nope`);
  });

  it('reports a GitHub App destination as a configuration problem without calling GitHub', async () => {
    const destination = ghDestination('ci-app', { access_token: undefined, app_name: 'acme-sync', installation_id: 42 });
    const { adapter } = adapterFor(destination);
    const failure = await vaultSyncFailureOf(adapter.inspect('ANY'));
    expect(failure).toBeInstanceOf(ClientSideError);
    expect(failure.code).toBe(ErrorCode.InvalidConfiguration);
    expect(failure.message).toContain('acme-sync');
    expect(emulator.control.requestCounts()).toEqual({});
  });

  it.each([403, 429] as const)('reports the primary rate limit (HTTP %i, none remaining) as throttled until the reset', async (status) => {
    emulator.setRateLimits({ primary: { limit: 1, status } });
    const { destination, adapter } = adapterFor();
    await adapter.inspect('APP');
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'APP', 'v'), undefined));

    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationThrottled, statusCode: status });
    expect(failure.retryAfterMs).toBeGreaterThan(HOUR_MS - 60_000);
    // x-ratelimit-reset is in whole seconds.
    expect(failure.retryAfterMs).toBeLessThanOrEqual(HOUR_MS + 1_000);
  });

  it('reports the secondary rate limit as throttled for its retry-after, and not as a permission problem', async () => {
    emulator.setRateLimits({ secondary: { points: 6, windowMs: 120_000 } });
    const { destination, adapter } = adapterFor();
    await adapter.write(desiredObject(destination, 'APP', 'v1'), undefined);
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'APP', 'v2'), undefined));

    expect(failure.toRecord()).toMatchObject({ failureClass: 'EXTERNAL_SERVICE_ERROR', code: ErrorCode.DestinationThrottled, statusCode: 403 });
    expect(failure.message).toContain('secondary rate limit');
    expect(failure.retryAfterMs).toBeGreaterThan(SECONDARY_RATE_LIMIT_WAIT_MS);
    expect(failure.retryAfterMs).toBeLessThanOrEqual(120_000);
  });

  it('reports an injected 502 as a retryable EXTERNAL_SERVICE error, and the retry succeeds', async () => {
    emulator.control.injectFault({ operation: 'actions.createOrUpdateRepoSecret', status: 502, count: 1 });
    const { destination, adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.write(desiredObject(destination, 'FLAKY', 'v'), undefined));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.retryable).toBe(true);
    expect(failure.toRecord()).toMatchObject({ code: ErrorCode.DestinationUnavailable, statusCode: 502 });
    await expect(adapter.write(desiredObject(destination, 'FLAKY', 'v'), undefined)).resolves.toEqual({ created: true });
  });

  it('reports a connection reset as a retryable EXTERNAL_SERVICE error', async () => {
    emulator.control.injectFault({ operation: 'actions.getRepoSecret', connectionReset: true, count: 1 });
    const { adapter } = adapterFor();
    const failure = await vaultSyncFailureOf(adapter.inspect('ANY'));
    expect(failure).toBeInstanceOf(ExternalServiceError);
    expect(failure.code).toBe(ErrorCode.DestinationUnavailable);
    expect(failure.retryable).toBe(true);
    await expect(adapter.inspect('ANY')).resolves.toBeUndefined();
  });

  it('keeps the rate-limit budgets of one token together across destinations', () => {
    const factory = new GhAdapterFactory({ apiBaseUrl: emulator.url });
    const repositoryDomain = factory.rateLimitDomain(ghDestination('a'));
    expect(factory.rateLimitDomain(organizationDestination('b'))).toEqual(repositoryDomain);
    expect(repositoryDomain.key).not.toContain(TOKEN);
  });
});
