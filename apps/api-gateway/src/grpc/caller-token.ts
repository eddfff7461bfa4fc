import type { Metadata } from '@grpc/grpc-js';
import { vaultToken } from '../auth/vault-request-access';

/**
 * The caller's Vault token, read from the call metadata exactly as the HTTP API reads its headers (spec §2):
 * `x-vault-token`, else `authorization: Bearer`. Only text metadata counts; `undefined` when there is none.
 */
export function callerToken(metadata: Metadata): string | undefined {
  return vaultToken({ 'x-vault-token': firstText(metadata, 'x-vault-token'), authorization: firstText(metadata, 'authorization') });
}

function firstText(metadata: Metadata, key: string): string | undefined {
  const [value] = metadata.get(key);
  return typeof value === 'string' ? value : undefined;
}
