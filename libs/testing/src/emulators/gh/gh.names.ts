/** Secret name and value rules (spec §4.4). */

/** "Secrets are limited to 48 KB": counted on the opened plaintext, in bytes. */
export const MAX_SECRET_VALUE_BYTES = 48 * 1024;

export const INVALID_NAME_MESSAGE =
  'Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_).';

/** The UI's wording; the API's is unconfirmed (spec §4.4). */
export const RESERVED_PREFIX_MESSAGE = 'Secret names must not start with GITHUB_.';

export const VALUE_TOO_LARGE_MESSAGE = 'Secret value is too large. Secrets are limited to 48 KB in size.';

/** GitHub stores names upper-case, so `my_secret` and `MY_SECRET` are one secret. */
export const canonicalSecretName = (name: string): string => name.toUpperCase();

/** The message GitHub answers a bad name with, or undefined for a valid one. */
export function secretNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return INVALID_NAME_MESSAGE;
  if (canonicalSecretName(name).startsWith('GITHUB_')) return RESERVED_PREFIX_MESSAGE;
  return undefined;
}

export const valueTooLarge = (plaintext: string): boolean => Buffer.byteLength(plaintext, 'utf8') > MAX_SECRET_VALUE_BYTES;
