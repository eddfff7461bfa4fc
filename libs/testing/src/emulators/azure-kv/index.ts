import { randomUUID } from 'node:crypto';
import { EmulatorControl, RunningEmulator } from '../core/control';
import { CONTROL_PREFIX, startHttpEmulator } from '../core/http-emulator';
import { authenticateVaultRequest } from './azure-kv.auth';
import { AuthorityContext, authorityFault, authorityRouter, aadError } from './azure-kv.authority';
import { EmulatorClock, clockControl } from '../core/clock';
import { injectedFault, KeyVaultError, keyVaultErrorResponse, throttled } from './azure-kv.errors';
import { AzureKvContext, azureKvRouter } from './azure-kv.routes';
import { SecretStore } from './azure-kv.store';
import { generateCertificates } from './azure-kv.tls';
import { TokenSigner } from './azure-kv.tokens';
import { AzureIdentity, AzureKvEmulatorOptions } from './azure-kv.types';

export * from './azure-kv.types';
export { challengeHeader } from './azure-kv.auth';
export { SUPPORTED_API_VERSIONS } from './azure-kv.names';

export const DEFAULT_IDENTITY: AzureIdentity = {
  tenantId: '72f988bf-0000-4000-8000-00000000a2e0',
  clientId: 'c1d2e3f4-0000-4000-8000-0000000c11e7',
  clientSecret: 'emulator-client-secret',
};

export interface AzureKvEmulatorStartOptions extends AzureKvEmulatorOptions {
  /**
   * Command-line flags, winning over the options: `--tenant-id`, `--client-id`, `--client-secret`,
   * `--token-lifetime-seconds`, `--retention-days`, `--deletion-delay-ms`, `--recovery-delay-ms`, `--purge-delay-ms`.
   */
  flags?: Record<string, string>;
}

export interface RunningAzureKvEmulator extends RunningEmulator {
  /** `authorityHost` for `ClientSecretCredential`: a second HTTPS server, same certificate (spec §2.1). */
  authorityHost: string;
  /** Faults, limits and counts of the token authority, apart from the vault's (`control`). */
  authorityControl: EmulatorControl;
  controlUrl: string;
  authorityControlUrl: string;
  /** The CA that signed both servers' certificate: NODE_EXTRA_CA_CERTS at process start, or `ca` in-process. */
  caPath: string;
  /** The same CA in PEM (a Buffer, so `npm run emulator` prints only the path). */
  caPem: Buffer;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Moves the emulator clock: tokens expire, deletion/recovery windows pass, scheduled purges happen. */
  advanceClock(ms: number): void;
}

function optionsFromFlags(flags: Record<string, string>): AzureKvEmulatorOptions {
  const number = (name: string) => {
    if (flags[name] === undefined) return undefined;
    const value = Number(flags[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, not "${flags[name]}"`);
    return value;
  };
  return {
    tenantId: flags['tenant-id'],
    clientId: flags['client-id'],
    clientSecret: flags['client-secret'],
    tokenLifetimeSeconds: number('token-lifetime-seconds'),
    retentionDays: number('retention-days'),
    deletionDelayMs: number('deletion-delay-ms'),
    recoveryDelayMs: number('recovery-delay-ms'),
    purgeDelayMs: number('purge-delay-ms'),
  };
}

/** Options and flags merged; a flag wins over the option of the same meaning. */
function settle(options: AzureKvEmulatorStartOptions) {
  const fromFlags = optionsFromFlags(options.flags ?? {});
  const pick = <K extends keyof AzureKvEmulatorOptions>(name: K) => fromFlags[name] ?? options[name];
  const retentionDays = pick('retentionDays') ?? 90;
  if (!Number.isInteger(retentionDays) || retentionDays < 7 || retentionDays > 90) throw new Error(`retentionDays must be a whole number from 7 to 90, not ${retentionDays}`);
  return {
    identity: {
      tenantId: pick('tenantId') ?? DEFAULT_IDENTITY.tenantId,
      clientId: pick('clientId') ?? DEFAULT_IDENTITY.clientId,
      clientSecret: pick('clientSecret') ?? DEFAULT_IDENTITY.clientSecret,
    },
    tokenLifetimeSeconds: pick('tokenLifetimeSeconds') ?? 3599,
    timings: { retentionDays, deletionDelayMs: pick('deletionDelayMs') ?? 0, recoveryDelayMs: pick('recoveryDelayMs') ?? 0, purgeDelayMs: pick('purgeDelayMs') ?? 0 },
  };
}


/**
 * Azure Key Vault secrets (spec §2) over HTTPS, plus the token authority the SDK's credential needs, on a second
 * HTTPS server. Both use a certificate generated at start by openssl into a temp folder (removed on close).
 * Point `ClientSecretCredential` at `authorityHost` with `disableInstanceDiscovery: true`, the `SecretClient` at
 * `url` with `disableChallengeResourceVerification: true`, and trust `caPem` (see the int-spec fixtures).
 */
export async function startAzureKvEmulator(options: AzureKvEmulatorStartOptions = {}): Promise<RunningAzureKvEmulator> {
  const { identity, tokenLifetimeSeconds, timings } = settle(options);
  const clock = new EmulatorClock();
  const [certificates, signer] = await Promise.all([generateCertificates(options.host), TokenSigner.create(clock)]);
  const tls = { key: certificates.serverKey, cert: certificates.serverCert };
  const listen = { port: options.port, host: options.host };
  const started: RunningEmulator[] = [];
  try {
    const authorityContext: AuthorityContext = { identity, objectId: randomUUID(), signer, clock, tokenLifetimeSeconds };
    const authority = await startHttpEmulator<AuthorityContext>(
      {
        kind: 'azure-kv-authority',
        router: authorityRouter(),
        context: authorityContext,
        tls,
        notFound: () => aadError(404, 'invalid_request', 90100, 'The requested endpoint does not exist on this authority.'),
        faultResponse: (status) => authorityFault(status),
        throttledResponse: (admission) => authorityFault(429, Math.max(1, Math.ceil(admission.retryAfterMs / 1000))),
        state: () => ({ tenantId: identity.tenantId, clientId: identity.clientId, objectId: authorityContext.objectId, signingKeyId: signer.keyId }),
        resetState: () => undefined,
      },
      // The vault takes the requested port; the authority always gets a free one.
      { host: options.host },
    );
    started.push(authority);

    const store = new SecretStore(clock, timings);
    const vault = await startHttpEmulator<AzureKvContext>(
      {
        kind: 'azure-kv',
        router: azureKvRouter(),
        context: { store },
        tls,
        authenticate: (request) => authenticateVaultRequest(request, signer, identity.tenantId),
        notFound: (request) => keyVaultErrorResponse(new KeyVaultError(404, 'NotFound', `The requested path ${request.path} is not served by this key vault.`)),
        faultResponse: (status) => keyVaultErrorResponse(injectedFault(status)),
        throttledResponse: (admission) => keyVaultErrorResponse(throttled(admission.retryAfterMs)),
        state: () => ({ tenantId: identity.tenantId, nowMs: clock.now(), recoverableDays: timings.retentionDays, ...store.state() }),
        resetState: () => {
          store.reset();
          clock.reset();
        },
        extraControl: clockControl<AzureKvContext>(clock),
      },
      listen,
    );
    started.push(vault);

    return {
      ...vault,
      authorityHost: authority.url,
      authorityControl: authority.control,
      controlUrl: `${vault.url}${CONTROL_PREFIX}`,
      authorityControlUrl: `${authority.url}${CONTROL_PREFIX}`,
      caPath: certificates.caPath,
      caPem: certificates.caPem,
      ...identity,
      advanceClock: (ms) => clock.advance(ms),
      close: async () => {
        await Promise.all(started.map((server) => server.close()));
        await certificates.remove();
      },
    };
  } catch (error) {
    await Promise.all(started.map((server) => server.close()));
    await certificates.remove();
    throw error;
  }
}
