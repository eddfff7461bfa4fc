import { VercelErrorBody } from './vercel-project.errors';
import { ENV_TARGETS, ENV_TYPES, EnvFields, EnvTarget, EnvType } from './vercel-project.types';

/** One value may use the whole 64 KB a deployment allows for all its variables (spec §5.4). */
export const MAX_VALUE_BYTES = 64 * 1024;

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type Checked<T> = { ok: T } | { error: VercelErrorBody };

type Raw = Record<string, unknown>;

function invalid(message: string, key: unknown): { error: VercelErrorBody } {
  return { error: { code: 'bad_request', message, ...(typeof key === 'string' ? { key } : {}) } };
}

/** Letters, digits and `_`, not starting with a digit (spec §5.4). */
export function isValidKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Reads the fields a request sets, leaving out the ones it does not mention. */
function readFields(raw: Raw): Checked<Partial<EnvFields>> {
  const fields: Partial<EnvFields> = {};
  const { key, value, type, target, gitBranch, comment, customEnvironmentIds } = raw;
  if (key !== undefined) {
    if (typeof key !== 'string' || !isValidKey(key)) {
      return invalid('The name of your Environment Variable contains invalid characters. Only letters, digits, and underscores are allowed. Furthermore, the name should not start with a digit.', key);
    }
    fields.key = key;
  }
  if (value !== undefined) {
    if (typeof value !== 'string') return invalid('`value` must be a string', key);
    fields.value = value;
  }
  if (type !== undefined) {
    if (!ENV_TYPES.includes(type as EnvType)) return invalid(`\`type\` must be one of ${ENV_TYPES.join(', ')}`, key);
    fields.type = type as EnvType;
  }
  if (target !== undefined) {
    if (!isStringArray(target) || !target.every((t) => ENV_TARGETS.includes(t as EnvTarget))) {
      return invalid(`\`target\` must be an array of ${ENV_TARGETS.join(', ')}`, key);
    }
    fields.target = [...new Set(target as EnvTarget[])];
  }
  if (gitBranch !== undefined) {
    if (gitBranch !== null && typeof gitBranch !== 'string') return invalid('`gitBranch` must be a string', key);
    fields.gitBranch = gitBranch || undefined;
  }
  if (comment !== undefined) {
    if (typeof comment !== 'string') return invalid('`comment` must be a string', key);
    fields.comment = comment;
  }
  if (customEnvironmentIds !== undefined) {
    if (!isStringArray(customEnvironmentIds)) return invalid('`customEnvironmentIds` must be an array of strings', key);
    fields.customEnvironmentIds = [...new Set(customEnvironmentIds)];
  }
  return { ok: fields };
}

/** The rules that involve several fields at once (spec §5.1, §5.4). */
function checkCombination(fields: EnvFields): Checked<EnvFields> {
  const { key } = fields;
  if (fields.target.length === 0 && fields.customEnvironmentIds.length === 0) return invalid('Specify at least one `target` or `customEnvironmentIds`', key);
  if (fields.gitBranch !== undefined && !(fields.target.length === 1 && fields.target[0] === 'preview')) {
    return invalid('`gitBranch` can only be set when the only target is preview', key);
  }
  if (fields.type === 'sensitive' && fields.target.includes('development')) {
    return invalid('Sensitive Environment Variables cannot be created in the development environment', key);
  }
  if (Buffer.byteLength(fields.value, 'utf8') > MAX_VALUE_BYTES) {
    return invalid(`The value of your Environment Variable exceeds the ${MAX_VALUE_BYTES / 1024} KB limit`, key);
  }
  return { ok: fields };
}

function asObject(raw: unknown): Raw | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Raw) : undefined;
}

/** One entry of a create request: `key`, `value` and `type` are required. */
export function parseCreateEntry(raw: unknown): Checked<EnvFields> {
  const entry = asObject(raw);
  if (!entry) return invalid('Each Environment Variable must be an object', undefined);
  for (const required of ['key', 'value', 'type'] as const) {
    if (entry[required] === undefined) return invalid(`Missing required property \`${required}\``, entry['key']);
  }
  const read = readFields(entry);
  if ('error' in read) return read;
  const { key, value, type, target = [], gitBranch, comment = '', customEnvironmentIds = [] } = read.ok as Partial<EnvFields> & Pick<EnvFields, 'key' | 'value' | 'type'>;
  return checkCombination({ key, value, type, target, gitBranch, comment, customEnvironmentIds });
}

/** An edit request applied to the current fields. */
export function applyEdit(current: EnvFields, raw: unknown): Checked<EnvFields> {
  const edit = asObject(raw);
  if (!edit) return invalid('The request body must be a JSON object', current.key);
  const read = readFields(edit);
  if ('error' in read) return read;
  // A sensitive value must stay unreadable (spec §5.1), so it cannot be turned into a readable type.
  if (current.type === 'sensitive' && read.ok.type !== undefined && read.ok.type !== 'sensitive') {
    return invalid('A sensitive Environment Variable cannot be changed to another type', current.key);
  }
  // Spreading keeps an explicit `gitBranch: null` from the edit as "no branch".
  return checkCombination({ ...current, ...read.ok });
}
