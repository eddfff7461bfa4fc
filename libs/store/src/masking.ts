import { Destination } from '@vault-sync/domain';

/** How the API shows every credential field (spec §3.4). */
export const CREDENTIAL_MASK = '*****';

export function maskCredentialFields(fields: Iterable<string>): Record<string, string> {
  return Object.fromEntries([...fields].map((field) => [field, CREDENTIAL_MASK]));
}

/** The destination as API reads show it: every credential field replaced by the mask. */
export function maskCredentials<T extends Destination>(destination: T): T {
  return { ...destination, credentials: maskCredentialFields(Object.keys(destination.credentials)) };
}
