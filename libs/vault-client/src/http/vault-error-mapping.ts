import { ErrorCode, InternalVaultError } from '@vault-sync/domain';
import { z } from 'zod';
import { AttemptOutcome } from './retry-policy';

const MAX_DETAIL_LENGTH = 300;

const errorsBody = z.object({ errors: z.array(z.string()) });

/** Vault's `errors` list, or `undefined` when the body is not Vault's error envelope. */
export function vaultErrors(body: unknown): string[] | undefined {
  const parsed = errorsBody.safeParse(body);
  return parsed.success ? parsed.data.errors : undefined;
}

/**
 * Vault's own messages, one line, shortened, with anything we sent as a credential (token, secret id) cut out
 * in case an error echoes it.
 */
export function errorDetail(body: unknown, credentials: readonly string[]): string {
  const joined = (vaultErrors(body) ?? []).join('; ').replace(/\s+/g, ' ').trim();
  const scrubbed = credentials.filter((value) => value.length > 0).reduce((text, value) => text.split(value).join('[redacted]'), joined);
  return scrubbed.length > MAX_DETAIL_LENGTH ? `${scrubbed.slice(0, MAX_DETAIL_LENGTH)}…` : scrubbed;
}

const withDetail = (text: string, detail: string) => (detail ? `${text}: ${detail}` : text);

/**
 * The error for an outcome the caller cannot interpret (spec vault-sync-api §2): 403 is a denial no retry will
 * fix; 5xx and connection failures mean Vault is unavailable; other 4xx mean our request or configuration is
 * wrong. A 429 stays retryable for the job queue, honouring Retry-After.
 */
export function vaultErrorFor(outcome: AttemptOutcome, operation: string, credentials: readonly string[]): InternalVaultError {
  if (outcome.kind === 'unreachable') {
    return new InternalVaultError(ErrorCode.VaultUnavailable, `Vault unreachable for ${operation}: ${outcome.reason}`, { retryable: true });
  }
  const { status } = outcome;
  const detail = errorDetail(outcome.body, credentials);
  const base = { statusCode: status };
  if (status === 403) {
    return new InternalVaultError(ErrorCode.VaultPermissionDenied, withDetail(`Vault denied ${operation} (HTTP 403)`, detail), { ...base, retryable: false });
  }
  if (status === 429) {
    return new InternalVaultError(ErrorCode.VaultUnavailable, withDetail(`Vault throttled ${operation} (HTTP 429)`, detail), { ...base, retryable: true, retryAfterMs: outcome.retryAfterMs });
  }
  if (status >= 500) {
    return new InternalVaultError(ErrorCode.VaultUnavailable, withDetail(`Vault failed ${operation} (HTTP ${status})`, detail), { ...base, retryable: status !== 501 });
  }
  return new InternalVaultError(ErrorCode.InvalidConfiguration, withDetail(`Vault rejected ${operation} (HTTP ${status})`, detail), { ...base, retryable: false });
}

/** A 404 whose body names an error (`no handler for route`, `unsupported path`): nothing serves that path. */
export function mountNotFound(mount: { path: string; kind: string }, operation: string, body: unknown): InternalVaultError {
  return new InternalVaultError(ErrorCode.MountNotFound, withDetail(`no ${mount.kind} mount at "${mount.path}" serves ${operation}`, errorDetail(body, [])), {
    statusCode: 404,
    retryable: false,
  });
}

/** A 2xx/404 body that does not have the shape Vault documents; names only the fields at fault, never values. */
export function unexpectedResponse(operation: string, issues: readonly z.core.$ZodIssue[]): InternalVaultError {
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '(body)'))].join(', ');
  return new InternalVaultError(ErrorCode.VaultUnavailable, `unexpected response from Vault for ${operation} (fields: ${fields})`, { retryable: false });
}

/** Parses a response body or throws `unexpectedResponse`. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, operation: string): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unexpectedResponse(operation, parsed.error.issues);
  return parsed.data;
}
