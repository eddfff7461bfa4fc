import { crc32c } from './gcp-sm.crc32c';
import { invalidArgument } from './gcp-sm.errors';
import { millisOf } from './gcp-sm.time';
import { Replication, SecretFields, SecretMessage, SecretPayloadMessage, Topic } from './gcp-sm.types';

/** Constraints from spec §3.2 and §3.4. */
export const LIMITS = {
  labels: 64,
  keyBytes: 128,
  annotationBytes: 16 * 1024,
  payloadBytes: 64 * 1024,
  topics: 10,
  versionAliases: 50,
  pageSize: 25_000,
} as const;

const LABEL_KEY_SOURCE = '[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}';
const LABEL_VALUE_SOURCE = '[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}';
const LABEL_KEY = new RegExp(`^${LABEL_KEY_SOURCE}$`, 'u');
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_SOURCE}$`, 'u');
const LOWER_LETTER = /^[\p{Ll}\p{Lo}]$/u;
const LABEL_CHAR = /^[\p{Ll}\p{Lo}\p{N}_-]$/u;
const ANNOTATION_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const TOPIC = /^projects\/[^/]+\/topics\/[^/]+$/;
const ALIAS = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * Why a label key or value fails its pattern, worded as the service words it (observed for values:
 * `Invalid field "labels.k"; value "…" does not conform to regular expression "…"; character "@" at position 19 is …`).
 */
function labelViolation(field: string, what: 'key' | 'value', text: string, source: string): Error {
  const prefix = `Invalid field "${field}"; ${what} "${text}" does not conform to regular expression "${source}"`;
  const chars = Array.from(text);
  if (what === 'key' && chars.length === 0) return invalidArgument(`${prefix}; the key is empty`);
  if (chars.length > 63) return invalidArgument(`${prefix}; it is longer than 63 characters`);
  const position = chars.findIndex((char, i) => !(what === 'key' && i === 0 ? LOWER_LETTER : LABEL_CHAR).test(char));
  if (position < 0) return invalidArgument(`${prefix}; it is longer than ${LIMITS.keyBytes} bytes`);
  const expected = what === 'key' && position === 0 ? 'a non-uppercased letter (Unicode character class Ll or Lo)' : 'a non-uppercased letter (Unicode character class Ll or Lo), digit, hyphen, or underscore';
  return invalidArgument(`${prefix}; character "${chars[position]}" at position ${position} is not ${expected}`);
}

export function checkLabels(labels: Record<string, string>): Record<string, string> {
  const entries = Object.entries(labels);
  if (entries.length > LIMITS.labels) throw invalidArgument(`A secret may have at most ${LIMITS.labels} labels; ${entries.length} were given.`);
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key) || Buffer.byteLength(key) > LIMITS.keyBytes) throw labelViolation('labels', 'key', key, LABEL_KEY_SOURCE);
    if (!LABEL_VALUE.test(value)) throw labelViolation(`labels.${key}`, 'value', value, LABEL_VALUE_SOURCE);
  }
  return { ...labels };
}

export function checkAnnotations(annotations: Record<string, string>): Record<string, string> {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    if (!ANNOTATION_KEY.test(key) || Buffer.byteLength(key) > LIMITS.keyBytes) {
      throw invalidArgument(
        `Invalid annotation key "${key}": keys are 1 to 63 characters, begin and end with an alphanumeric character and may contain dashes, underscores and dots in between.`,
      );
    }
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes >= LIMITS.annotationBytes) throw invalidArgument(`The total size of annotation keys and values must be less than 16KiB; it is ${bytes} bytes.`);
  return { ...annotations };
}

/** Global secrets need replication; regional ones must not carry it (spec §3.2). */
export function checkReplication(replication: Replication | undefined, regional: boolean): Replication | undefined {
  if (regional) {
    if (replication?.automatic || replication?.userManaged) throw invalidArgument('Secret.replication should not be provided.');
    return undefined;
  }
  if (replication?.automatic) return { automatic: { ...replication.automatic } };
  const replicas = replication?.userManaged?.replicas;
  if (!replicas) throw invalidArgument('Secret.replication must be specified.');
  if (replicas.length === 0) throw invalidArgument('Secret.replication.user_managed.replicas must contain at least one replica.');
  const seen = new Set<string>();
  for (const { location } of replicas) {
    if (!location) throw invalidArgument('Secret.replication.user_managed.replicas[].location must be specified.');
    if (seen.has(location)) throw invalidArgument(`Secret.replication.user_managed.replicas contains location [${location}] more than once.`);
    seen.add(location);
  }
  return { userManaged: { replicas: replicas.map((replica) => ({ ...replica })) } };
}

function checkTopics(topics: Topic[]): Topic[] {
  if (topics.length > LIMITS.topics) throw invalidArgument(`A secret may have at most ${LIMITS.topics} topics.`);
  for (const { name = '' } of topics) {
    if (!TOPIC.test(name)) throw invalidArgument(`The provided Topic [${name}] does not match the expected format [projects/*/topics/*]`);
  }
  return topics.map(({ name }) => ({ name }));
}

function checkVersionAliases(aliases: Record<string, string | number>): Record<string, number> {
  const entries = Object.entries(aliases);
  if (entries.length > LIMITS.versionAliases) throw invalidArgument(`A secret may have at most ${LIMITS.versionAliases} version aliases.`);
  const checked: Record<string, number> = {};
  for (const [alias, version] of entries) {
    if (!ALIAS.test(alias) || alias === 'latest' || /^\d+$/.test(alias)) throw invalidArgument(`Version alias [${alias}] is not a valid alias name.`);
    checked[alias] = Number(version);
  }
  return checked;
}

function expireTimeOf(secret: SecretMessage, nowMs: number): number | undefined {
  if (secret.ttl) {
    const ttlMs = millisOf(secret.ttl);
    if (ttlMs <= 0) throw invalidArgument('Secret.ttl must be positive.');
    return nowMs + ttlMs;
  }
  if (!secret.expireTime) return undefined;
  const expireTimeMs = millisOf(secret.expireTime);
  if (expireTimeMs <= nowMs) throw invalidArgument('Secret.expire_time must be in the future.');
  return expireTimeMs;
}

/** Fields an update mask may name (snake_case, as FieldMask paths are written), and what each sets. */
const UPDATABLE: Record<string, (secret: SecretMessage, nowMs: number) => Partial<SecretFields>> = {
  labels: (s) => ({ labels: checkLabels(s.labels ?? {}) }),
  annotations: (s) => ({ annotations: checkAnnotations(s.annotations ?? {}) }),
  topics: (s) => ({ topics: checkTopics(s.topics ?? []) }),
  expire_time: (s, now) => ({ expireTimeMs: expireTimeOf(s, now) }),
  ttl: (s, now) => ({ expireTimeMs: expireTimeOf(s, now) }),
  rotation: (s) => ({ rotation: s.rotation }),
  version_aliases: (s) => ({ versionAliases: checkVersionAliases(s.versionAliases ?? {}) }),
  version_destroy_ttl: (s) => ({ versionDestroyTtlMs: s.versionDestroyTtl ? millisOf(s.versionDestroyTtl) : undefined }),
  customer_managed_encryption: (s) => ({ customerManagedEncryption: s.customerManagedEncryption }),
};
const IMMUTABLE = new Set(['name', 'replication', 'create_time', 'secret_type', 'tags']);
const snakeCase = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The validated fields of a CreateSecret's `secret`. */
export function fieldsForCreate(secret: SecretMessage, regional: boolean, nowMs: number): SecretFields {
  const fields: SecretFields = { labels: {}, annotations: {}, topics: [], versionAliases: {}, replication: checkReplication(secret.replication, regional), secretType: secret.secretType };
  for (const read of Object.values(UPDATABLE)) Object.assign(fields, read(secret, nowMs));
  return fields;
}

/** The validated fields an UpdateSecret sets: those its mask names, taken from `secret` (absent = cleared). */
export function fieldsForUpdate(secret: SecretMessage, paths: string[] | undefined, nowMs: number): Partial<SecretFields> {
  if (!paths || paths.length === 0) throw invalidArgument('update_mask must contain at least one path.');
  const fields: Partial<SecretFields> = {};
  for (const path of paths.map(snakeCase)) {
    const top = path.split('.')[0];
    if (IMMUTABLE.has(top)) throw invalidArgument(`Field [${path}] is immutable and cannot be updated.`);
    const read = UPDATABLE[top];
    if (!read) throw invalidArgument(`Invalid update_mask path [${path}].`);
    Object.assign(fields, read(secret, nowMs));
  }
  return fields;
}

/** The payload's bytes after the size and checksum checks; `checksummed` when the client sent data_crc32c. */
export function checkPayload(payload: SecretPayloadMessage | undefined): { data: Buffer; crc32c: number; checksummed: boolean } {
  const data = payload?.data ?? Buffer.alloc(0);
  if (data.length === 0) throw invalidArgument('Secret Payload cannot be empty.');
  if (data.length > LIMITS.payloadBytes) throw invalidArgument(`Secret Payload cannot be larger than 64KiB; it is ${data.length} bytes.`);
  const computed = crc32c(data);
  const claimed = payload?.dataCrc32c;
  if (claimed !== undefined && Number(claimed) !== computed) {
    throw invalidArgument('Checksum mismatch: the data_crc32c provided does not match the CRC32C of the payload data.');
  }
  return { data, crc32c: computed, checksummed: claimed !== undefined };
}
