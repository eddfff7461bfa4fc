import { EmulatorResponse } from '../core/router';

/** A Key Vault error: `{"error":{"code","message","innererror"?}}` (spec §2.2); the SDK's RestError takes `code`. */
export class KeyVaultError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function keyVaultErrorResponse(error: KeyVaultError): EmulatorResponse {
  const body = { error: { code: error.code, message: error.message, ...(error.innerCode ? { innererror: { code: error.innerCode } } : {}) } };
  return { status: error.status, headers: error.headers, body };
}

const NOT_FOUND_HELP =
  'If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182';

/** 404 for a live secret or version (spec §2.5). `nameOrId` is `name` or `name/version`. */
export const secretNotFound = (nameOrId: string) =>
  new KeyVaultError(404, 'SecretNotFound', `A secret with (name/id) ${nameOrId} was not found in this key vault. ${NOT_FOUND_HELP}`);

/** 404 for the deleted-secret surface: what the delete poller reads as "not yet" (spec §2.3). */
export const deletedSecretNotFound = () => new KeyVaultError(404, 'SecretNotFound', 'Deleted Secret not found');

export const badParameter = (message: string) => new KeyVaultError(400, 'BadParameter', message);

/** Spec §2.3: the name is held by a soft-deleted secret. */
export const deletedButRecoverable = (name: string) =>
  new KeyVaultError(409, 'Conflict',
    `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
    'ObjectIsDeletedButRecoverable');

/** Spec §2.3: right after a recover, until it settles. */
export const beingRecovered = (name: string) =>
  new KeyVaultError(409, 'Conflict', `Secret ${name} is currently being recovered and cannot be re-created; retry later.`, 'ObjectIsBeingRecovered');

/** Spec §2.3 [U]: while a delete or a purge is still in progress. */
export const beingDeleted = (name: string) => new KeyVaultError(409, 'Conflict', `Secret ${name} is currently being deleted.`, 'ObjectIsBeingDeleted');

export const secretDisabled = () => new KeyVaultError(403, 'Forbidden', 'Operation get is not allowed on a disabled secret.', 'SecretDisabled');

/** Spec §2.5: throttled, with `Retry-After` in whole seconds. */
export function throttled(retryAfterMs: number): KeyVaultError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new KeyVaultError(429, 'Throttled', 'Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached',
    undefined, { 'retry-after': String(seconds) });
}

const FAULTS: Record<number, [code: string, message: string, innerCode?: string]> = {
  400: ['BadParameter', 'The request was rejected (injected fault).'],
  403: ['Forbidden', 'Caller is not authorized to perform action on resource.', 'ForbiddenByRbac'],
  404: ['NotFound', 'The requested resource was not found (injected fault).'],
  500: ['InternalServerError', 'An unexpected error occurred while processing the request.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
};

/** An injected status in Key Vault's words; statuses without a known wording get a generic one. */
export function injectedFault(status: number): KeyVaultError {
  const [code, message, innerCode] = FAULTS[status] ?? [status >= 500 ? 'InternalServerError' : 'BadRequest', `Injected failure (HTTP ${status}).`];
  return new KeyVaultError(status, code, message, innerCode);
}
