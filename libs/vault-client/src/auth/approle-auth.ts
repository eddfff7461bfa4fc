import { VaultSyncError } from '@vault-sync/domain';
import { Clock } from '../clock';
import { mountNotFound, parseBody } from '../http/vault-error-mapping';
import { VaultHttp } from '../http/vault-http';
import { apiPath, describeRequest, VaultRequest } from '../http/vault-request';
import { AppRoleCredentials, VaultClientLogger } from '../vault-client.options';
import { AuthSource } from './auth-source';
import { authResponseSchema } from './auth.schemas';
import { failureRetryDelayMs, IssuedToken, isUsable, planRefresh, RefreshPlan } from './token-refresh-plan';

const errorFields = (err: unknown) => (err instanceof VaultSyncError ? { code: err.code, error: err.message } : { error: 'unexpected failure' });

/**
 * Logs in with AppRole on first use, renews the token (`auth/token/renew-self`) at two thirds of its lease and
 * logs in again when renewal fails, the token is not renewable, or its max TTL cuts the lease short. A token
 * past its lease (timers delayed, process suspended) is never handed out: the caller waits for a fresh login.
 */
export class AppRoleAuth implements AuthSource {
  private issued: IssuedToken | undefined;
  private loginLeaseMs = 0;
  private loginInFlight: Promise<IssuedToken> | undefined;
  private cancelScheduled: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly http: VaultHttp,
    private readonly credentials: AppRoleCredentials,
    private readonly clock: Clock,
    private readonly logger?: VaultClientLogger,
  ) {}

  async token(): Promise<string> {
    const issued = this.issued;
    if (issued && isUsable(issued, this.clock.now())) return issued.token;
    return (await this.login()).token;
  }

  close(): void {
    this.closed = true;
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  /** One login at a time, shared by every caller waiting for a token. */
  private login(): Promise<IssuedToken> {
    this.loginInFlight ??= this.exchange({
      method: 'POST',
      path: apiPath('auth', this.credentials.mountPath, 'login'),
      body: { role_id: this.credentials.roleId, secret_id: this.credentials.secretId },
    })
      .then((issued) => {
        this.loginLeaseMs = issued.leaseMs;
        this.adopt(issued);
        return issued;
      })
      .finally(() => {
        this.loginInFlight = undefined;
      });
    return this.loginInFlight;
  }

  private async renew(current: IssuedToken): Promise<void> {
    this.adopt(await this.exchange({ method: 'POST', path: 'auth/token/renew-self', body: {}, token: current.token }));
  }

  private async exchange(request: VaultRequest): Promise<IssuedToken> {
    const requestedAtMs = this.clock.now();
    const response = await this.http.send(request);
    const operation = describeRequest(request);
    if (response.status === 404) throw mountNotFound({ path: `auth/${this.credentials.mountPath}`, kind: 'AppRole auth' }, operation, response.body);
    const { auth } = parseBody(authResponseSchema, response.body, operation);
    return { token: auth.client_token, issuedAtMs: requestedAtMs, leaseMs: auth.lease_duration * 1000, renewable: auth.renewable };
  }

  private adopt(issued: IssuedToken): void {
    this.issued = issued;
    this.schedule(planRefresh(issued, this.loginLeaseMs));
  }

  private schedule(plan: RefreshPlan): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    if (this.closed || plan.action === 'none') return;
    this.cancelScheduled = this.clock.schedule(() => void this.refresh(plan.action), Math.max(0, plan.atMs - this.clock.now()));
  }

  /** Runs from a timer: must never reject. */
  private async refresh(action: 'renew' | 'login'): Promise<void> {
    const current = this.issued;
    if (action === 'renew' && current) {
      try {
        await this.renew(current);
        return;
      } catch (err) {
        this.logger?.warn(errorFields(err), 'Vault token renewal failed; logging in again');
      }
    }
    try {
      await this.login();
      this.logger?.info({ mountPath: this.credentials.mountPath }, 'logged in to Vault with AppRole');
    } catch (err) {
      const retryInMs = failureRetryDelayMs(this.issued, this.clock.now());
      this.logger?.warn({ ...errorFields(err), retryInMs }, 'Vault AppRole login failed');
      this.schedule({ action: 'login', atMs: this.clock.now() + retryInMs });
    }
  }
}
