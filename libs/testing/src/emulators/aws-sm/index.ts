import { RunningEmulator } from '../core/control';
import { CONTROL_PREFIX, startHttpEmulator } from '../core/http-emulator';
import { CredentialRegistry, DEFAULT_CREDENTIAL } from './aws-sm.auth';
import { EmulatorClock, clockControl } from '../core/clock';
import { AwsServiceError, errorResponse, injectedFault, throttled } from './aws-sm.errors';
import { AwsSmContext, awsSmRouter, operationOf, protocolOfOperation } from './aws-sm.routes';
import { SecretStore } from './aws-sm.store';
import { StsService } from './aws-sm.sts';
import { AwsCredential, AwsRoleTrust, AwsSmEmulatorOptions } from './aws-sm.types';

export * from './aws-sm.types';
export { DEFAULT_CREDENTIAL } from './aws-sm.auth';

export const DEFAULT_ACCOUNT_ID = '123456789012';

export interface AwsSmEmulatorStartOptions extends AwsSmEmulatorOptions {
  /**
   * Command-line flags: `--account-id`, `--access-key-id` + `--secret-access-key` (+ `--session-token`),
   * `--role-arn` (+ `--external-id`), `--tps-limit`, `--force-delete-delay-ms`. They add to the options.
   */
  flags?: Record<string, string>;
}

export interface RunningAwsSmEmulator extends RunningEmulator {
  /** The same URL serves STS (query protocol): use it for both the Secrets Manager and the STS endpoint. */
  stsUrl: string;
  controlUrl: string;
  accountId: string;
  /** Moves the emulator's clock forward: recovery windows end, temporary credentials expire. */
  advanceClock(ms: number): void;
}

function optionsFromFlags(flags: Record<string, string>): AwsSmEmulatorOptions {
  const credentials: AwsCredential[] = [];
  if (flags['access-key-id'] && flags['secret-access-key']) {
    credentials.push({ accessKeyId: flags['access-key-id'], secretAccessKey: flags['secret-access-key'], sessionToken: flags['session-token'] });
  }
  const roles: AwsRoleTrust[] = flags['role-arn'] ? [{ roleArn: flags['role-arn'], externalId: flags['external-id'] }] : [];
  const number = (name: string) => {
    if (flags[name] === undefined) return undefined;
    const value = Number(flags[name]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, not "${flags[name]}"`);
    return value;
  };
  return { accountId: flags['account-id'], credentials, roles, tpsLimit: number('tps-limit'), forceDeleteDelayMs: number('force-delete-delay-ms') };
}


/**
 * AWS Secrets Manager (JSON 1.1, spec §1) with SigV4 verification, plus STS AssumeRole in the query
 * protocol on the same URL. Point the SDK at `url` with the `endpoint` option (or
 * AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL_STS), any region, and a configured key pair.
 */
export async function startAwsSmEmulator(options: AwsSmEmulatorStartOptions = {}): Promise<RunningAwsSmEmulator> {
  const fromFlags = optionsFromFlags(options.flags ?? {});
  const accountId = fromFlags.accountId ?? options.accountId ?? DEFAULT_ACCOUNT_ID;
  const configured = [...(options.credentials ?? []), ...(fromFlags.credentials ?? [])];
  const roles = [...(options.roles ?? []), ...(fromFlags.roles ?? [])];
  const tpsLimit = fromFlags.tpsLimit ?? options.tpsLimit;
  const clock = new EmulatorClock();
  const credentials = new CredentialRegistry(configured.length > 0 ? configured : [DEFAULT_CREDENTIAL], accountId, clock);
  const store = new SecretStore(accountId, clock, fromFlags.forceDeleteDelayMs ?? options.forceDeleteDelayMs ?? 0);
  const context: AwsSmContext = { store, credentials, sts: new StsService(roles, credentials), clock };

  const running = await startHttpEmulator<AwsSmContext>(
    {
      kind: 'aws-sm',
      router: awsSmRouter(),
      context,
      operationOf,
      notFound: () => errorResponse('json', new AwsServiceError('UnknownOperationException', '', 404, true)),
      faultResponse: (status, operation) => errorResponse(protocolOfOperation(operation), injectedFault(status)),
      throttledResponse: (_admission, operation) => {
        const protocol = protocolOfOperation(operation);
        // STS's query protocol names the same condition `Throttling`.
        return errorResponse(protocol, protocol === 'json' ? throttled() : new AwsServiceError('Throttling', 'Rate exceeded'));
      },
      state: () => ({ accountId, nowMs: clock.now(), secrets: store.state(), temporaryCredentials: credentials.temporaryCredentials() }),
      resetState: () => {
        store.reset();
        credentials.reset();
        clock.reset();
      },
      extraControl: clockControl<AwsSmContext>(clock),
    },
    { port: options.port, host: options.host },
  );
  if (tpsLimit !== undefined) running.control.setRateLimit({ limit: tpsLimit, windowMs: 1000 });
  return { ...running, stsUrl: running.url, controlUrl: `${running.url}${CONTROL_PREFIX}`, accountId, advanceClock: (ms) => clock.advance(ms) };
}
