import { Clock } from '../clock';
import type { VaultClientLogger } from '../vault-client.options';
import { AttemptOutcome, RetryPolicy, retryDelayMs, shouldRetry } from './retry-policy';
import { vaultErrorFor } from './vault-error-mapping';
import { describeRequest, FetchLike, VaultRequest, VaultResponse } from './vault-request';

export interface VaultHttpSettings {
  /** `https://vault.example.com:8200`, optionally with a path prefix (reverse proxy). */
  address: string;
  namespace?: string;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  fetch: FetchLike;
  clock: Clock;
  random: () => number;
  logger?: VaultClientLogger;
}

/** Seconds (`Retry-After: 3`) or an HTTP date, in ms from now. */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined; // e.g. a proxy's HTML error page: callers see "no envelope"
  }
}

const stringField = (value: unknown, field: string): string | undefined => {
  const found = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  return typeof found === 'string' ? found : undefined;
};

/**
 * Why fetch failed without an answer, as a short code (`ECONNREFUSED`, `timeout`); never the request itself.
 * Duck-typed: errors from undici may come from another realm, where `instanceof Error` is false.
 */
function unreachableReason(err: unknown): string {
  const name = stringField(err, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const cause = typeof err === 'object' && err !== null ? (err as { cause?: unknown }).cause : undefined;
  return stringField(cause, 'code') ?? 'connection failed';
}

/**
 * Vault's HTTP surface (spec vault-sync-api §2): token and namespace headers, JSON bodies, per-attempt timeout,
 * bounded jittered retries of transient failures. Returns 2xx and 404 answers for the caller to interpret and
 * throws `InternalVaultError` for everything else.
 */
export class VaultHttp {
  private readonly baseUrl: string;

  constructor(private readonly settings: VaultHttpSettings) {
    this.baseUrl = `${settings.address.replace(/\/+$/, '')}/v1/`;
  }

  async send(request: VaultRequest): Promise<VaultResponse> {
    const { retry, clock, random, logger } = this.settings;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt(request);
      if (shouldRetry(outcome, attempt, retry)) {
        const delayMs = retryDelayMs(attempt, retry, random);
        logger?.warn({ operation: describeRequest(request), attempt, delayMs, ...failureFields(outcome) }, 'Vault request failed, retrying');
        await clock.sleep(delayMs);
        continue;
      }
      if (outcome.kind === 'answered' && ((outcome.status >= 200 && outcome.status < 300) || outcome.status === 404)) {
        return { status: outcome.status, body: outcome.body };
      }
      throw vaultErrorFor(outcome, describeRequest(request), credentialsOf(request));
    }
  }

  private async attempt(request: VaultRequest): Promise<AttemptOutcome> {
    // Concatenated, not resolved: a first segment like `a:b` would otherwise parse as a URL scheme.
    const url = new URL(`${this.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    try {
      const response = await this.settings.fetch(url.toString(), {
        method: request.method,
        headers: this.headers(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.settings.requestTimeoutMs),
      });
      const body = parseJson(await response.text());
      return { kind: 'answered', status: response.status, body, retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.settings.clock.now()) };
    } catch (err) {
      return { kind: 'unreachable', reason: unreachableReason(err) };
    }
  }

  private headers(request: VaultRequest): Record<string, string> {
    const namespace = request.namespace ?? this.settings.namespace;
    return {
      // Required by Vault Agent/Proxy listeners with require_request_header (spec change-capture §6.15).
      'X-Vault-Request': 'true',
      ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(request.token === undefined ? {} : { 'X-Vault-Token': request.token }),
      ...(namespace ? { 'X-Vault-Namespace': namespace } : {}),
    };
  }
}

function failureFields(outcome: AttemptOutcome): Record<string, unknown> {
  return outcome.kind === 'answered' ? { status: outcome.status } : { reason: outcome.reason };
}

/** Everything in a request that must never be echoed back in an error message. */
function credentialsOf(request: VaultRequest): string[] {
  const bodyStrings = Object.values(request.body ?? {}).filter((value): value is string => typeof value === 'string');
  return request.token === undefined ? bodyStrings : [request.token, ...bodyStrings];
}
