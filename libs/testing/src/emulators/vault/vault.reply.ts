import { EmulatorResponse } from '../core/router';
import { VaultCall } from './vault.call';
import { Token } from './vault.tokens';

/** What a handler answers; the pipeline turns it into the HTTP answer and the audit response entry. */
export type VaultReply =
  /** 200 with the standard envelope; `dataAtTopLevel` repeats data's keys beside it, as legacy `sys/` endpoints do. */
  | { kind: 'data'; data: Record<string, unknown> | null; auth?: Token; dataAtTopLevel?: boolean }
  | { kind: 'empty' }
  /** 404 `{"errors":[]}`: nothing at this path (also an empty LIST). */
  | { kind: 'not-found' }
  /** A non-200 status with the full envelope as body: KV's deleted or destroyed version (vault-sync-api §8). */
  | { kind: 'data-with-status'; status: number; data: Record<string, unknown> }
  /** A handler's error response: 400 unless stated, `{"errors":[message]}`. */
  | { kind: 'invalid'; message: string; status?: number }
  /** A failure outside any handler response (unsupported operation, bad content type, …). */
  | { kind: 'failure'; status: number; message: string };

export const dataReply = (data: Record<string, unknown> | null, extra: { auth?: Token; dataAtTopLevel?: boolean } = {}): VaultReply => ({ kind: 'data', data, ...extra });
export const emptyReply = (): VaultReply => ({ kind: 'empty' });
export const notFoundReply = (): VaultReply => ({ kind: 'not-found' });
export const invalidReply = (message: string, status?: number): VaultReply => ({ kind: 'invalid', message, status });

/** Go's multierror text for one error, which Vault puts in `errors` and audit `error` fields. */
export const multiError = (message: string): string => `1 error occurred:\n\t* ${message}\n\n`;

export const unsupportedOperation = (): VaultReply => ({ kind: 'failure', status: 405, message: multiError('unsupported operation') });
export const unsupportedPath = (): VaultReply => ({ kind: 'failure', status: 404, message: multiError('unsupported path') });

export const PERMISSION_DENIED = 'permission denied';
export const INTERNAL_ERROR = 'internal error';

export function errorResponse(status: number, errors: string[], headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers, body: { errors } };
}

/** The auth block of a token-issuing answer (`auth/token/create`). */
export function issuedAuthView(token: Token): Record<string, unknown> {
  return {
    client_token: token.id,
    accessor: token.accessor,
    policies: token.policies,
    token_policies: token.policies,
    metadata: token.meta,
    lease_duration: token.ttlSeconds,
    renewable: token.ttlSeconds > 0,
    entity_id: '',
    token_type: 'service',
    orphan: token.orphan,
    mfa_requirement: null,
    num_uses: token.numUses,
  };
}

/** The success envelope (vault-sync-api §2), with `request_id` equal to the audit `request.id`. */
export function envelope(call: VaultCall, data: Record<string, unknown> | null, auth?: Token): Record<string, unknown> {
  return {
    request_id: call.id,
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings: null,
    auth: auth ? issuedAuthView(auth) : null,
    mount_type: call.mount?.type ?? '',
  };
}

/** The HTTP answer for a reply. */
export function httpAnswer(call: VaultCall, reply: VaultReply): EmulatorResponse {
  switch (reply.kind) {
    case 'data': {
      const body = envelope(call, reply.data, reply.auth);
      return { status: 200, body: reply.dataAtTopLevel && reply.data ? { ...reply.data, ...body } : body };
    }
    case 'empty':
      return { status: 204 };
    case 'not-found':
      return errorResponse(404, []);
    case 'data-with-status':
      return { status: reply.status, body: envelope(call, reply.data) };
    case 'invalid':
      return errorResponse(reply.status ?? 400, [reply.message]);
    case 'failure':
      return errorResponse(reply.status, [reply.message]);
  }
}
