/** A record stored as a hash `{ revision, data }`; the revision guards optimistic writes. */
export interface Versioned<T> {
  value: T;
  revision: number;
}

export const REVISION_FIELD = 'revision';
const DATA_FIELD = 'data';

/** Parses a hash read with HGETALL; `undefined` for a missing key (HGETALL answers `{}`). */
export function readVersioned<T>(hash: Record<string, string>): Versioned<T> | undefined {
  const data = hash[DATA_FIELD];
  if (data === undefined) return undefined;
  return { value: JSON.parse(data) as T, revision: Number(hash[REVISION_FIELD]) };
}

/** HSET arguments writing `value` as the next revision after `previous` (0 for a new record). */
export function versionedFields<T>(value: T, previous: number): [string, string, string, string] {
  return [REVISION_FIELD, String(previous + 1), DATA_FIELD, JSON.stringify(value)];
}

/** The guard value for "still at the revision I read", `null` meaning "still absent". */
export function revisionOf(record: Versioned<unknown> | undefined): string | null {
  return record === undefined ? null : String(record.revision);
}

export function parseEntries<T>(hash: Record<string, string>): Record<string, T> {
  return Object.fromEntries(Object.entries(hash).map(([field, json]) => [field, JSON.parse(json) as T]));
}
