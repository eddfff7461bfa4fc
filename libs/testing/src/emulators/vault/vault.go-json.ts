/**
 * JSON as Go's `encoding/json` writes it, which is what audit devices emit (spec vault-change-capture §1.3):
 * struct fields in declaration order, map keys sorted bytewise, and `<`, `>`, `&`, U+2028, U+2029 escaped.
 * Plain objects are treated as structs (insertion order); wrap maps in {@link GoMap}.
 */
export class GoMap {
  constructor(readonly entries: Record<string, unknown>) {}
}

/** Every plain object inside `value` (at any depth) as a {@link GoMap}: for decoded request and response bodies. */
export function asGoMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asGoMaps);
  if (isPlainObject(value)) return new GoMap(Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asGoMaps(inner)])));
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoMap);
}

const GO_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

function encodeString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => GO_ESCAPES[char]);
}

const byteOrder = (a: string, b: string): number => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return Buffer.compare(left, right);
};

function encodeMembers(entries: [string, unknown][]): string {
  const members = entries.filter(([, inner]) => inner !== undefined).map(([key, inner]) => `${encodeString(key)}:${encodeGoJson(inner)}`);
  return `{${members.join(',')}}`;
}

export function encodeGoJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return encodeString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : encodeGoJson(item))).join(',')}]`;
  if (value instanceof GoMap) return encodeMembers(Object.entries(value.entries).sort(([a], [b]) => byteOrder(a, b)));
  if (typeof value === 'object') return encodeMembers(Object.entries(value));
  return 'null';
}
