export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The `data` map of one KV v2 secret version. */
export type KvData = { readonly [key: string]: JsonValue };

/**
 * Secret-path value (spec §6): the JSON of the whole map. Keys are sorted at every level, byte-wise like Go's
 * encoding/json, so the same data always gives the same string and fingerprint.
 */
export function encodeSecretData(data: KvData): string {
  return canonicalJson(data);
}

/** Secret-key value (spec §6): a string is written raw, anything else as its JSON text (`42`, `true`, `null`, `{...}`). */
export function encodeKeyValue(value: JsonValue): string {
  return typeof value === 'string' ? value : canonicalJson(value);
}

function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort(compareBytes)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  return `{${entries.join(',')}}`;
}

function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
