import { badParameter } from './azure-kv.errors';

/** Spec §2.1: every `serviceVersion` the SDK can pin, plus the older dates the service still serves. */
export const SUPPORTED_API_VERSIONS = ['2015-06-01', '2016-10-01', '7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6-preview.2', '7.6', '2025-07-01'] as const;
export const LATEST_API_VERSION = '2025-07-01';

/** Spec §2.4: 1–127 characters of `0-9 a-z A-Z -` (no "starts with a letter" rule, as lowkey-vault). */
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
export const VERSION_PATTERN = /^[0-9a-f]{32}$/;
export const MAX_VALUE_BYTES = 25 * 1024;
export const MAX_CONTENT_TYPE_LENGTH = 255;
/** [U] the commonly cited tag limit (spec §2.4). */
export const MAX_TAGS = 15;
export const MAX_PAGE_SIZE = 25;

export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) throw badParameter(`The request URI contains an invalid name: ${name}`);
}

/**
 * The SDK sends `?api%2Dversion=…` (spec §2.1); `URLSearchParams` decodes query keys, so both spellings arrive
 * here as `api-version`.
 */
export function assertApiVersion(query: URLSearchParams): string {
  const version = query.get('api-version');
  if (version === null || version === '') throw badParameter("The 'api-version' query parameter is missing.");
  if (!(SUPPORTED_API_VERSIONS as readonly string[]).includes(version)) {
    throw badParameter(`The specified version (${version}) is not recognized. Consider using the latest supported version (${LATEST_API_VERSION}).`);
  }
  return version;
}

/** `maxresults`: 1–25, 25 when absent (spec §2.1). */
export function pageSizeOf(query: URLSearchParams): number {
  const raw = query.get('maxresults');
  if (raw === null || raw === '') return MAX_PAGE_SIZE;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badParameter(`The value ${raw} of parameter 'maxresults' is not valid; it must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return size;
}
