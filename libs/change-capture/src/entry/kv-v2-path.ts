import { SecretChangeOperation } from './observed-change';

/**
 * `request.path` below the mount is `<kind>/<secret path>`; the kind and the operation name the change
 * (spec vault-change-capture §3.1). `delete/`, `undelete/` and `destroy/` have no existence check, so POST and
 * PUT always log `update` there; `data/` and `metadata/` log `create` or `update` depending on metadata.
 * Maps, not object literals, so a path segment like `__proto__` cannot match an inherited key.
 * Every other kind (`config`, `subkeys`, `detailed-metadata`) and every read, list or scan changes no secret.
 */
const byOperation = (operations: Record<string, SecretChangeOperation>) => new Map(Object.entries(operations));
const OPERATIONS_BY_KIND: ReadonlyMap<string, ReadonlyMap<string, SecretChangeOperation>> = new Map([
  ['data', byOperation({ create: 'write', update: 'write', patch: 'patch', delete: 'delete' })],
  ['delete', byOperation({ update: 'delete' })],
  ['undelete', byOperation({ update: 'undelete' })],
  ['destroy', byOperation({ update: 'destroy' })],
  ['metadata', byOperation({ create: 'metadata-write', update: 'metadata-write', patch: 'metadata-write', delete: 'metadata-delete' })],
]);

/** Kinds whose body names versions (`{"versions":[…]}`). */
export const VERSIONED_KINDS: ReadonlySet<string> = new Set(['delete', 'undelete', 'destroy']);

export interface KvV2Target {
  kind: string;
  secretPath: string;
  operation: SecretChangeOperation;
}

/**
 * Splits the path below the mount. An empty secret path or a trailing `/` is a folder, which no mutating call
 * addresses. Paths are compared byte for byte: they are case-sensitive (spec §3.2 step 5).
 */
export function kvV2Target(relativePath: string, operation: string): KvV2Target | undefined {
  const slash = relativePath.indexOf('/');
  if (slash <= 0) return undefined;
  const kind = relativePath.slice(0, slash);
  const secretPath = relativePath.slice(slash + 1);
  const changeOperation = OPERATIONS_BY_KIND.get(kind)?.get(operation);
  if (!changeOperation || secretPath === '' || secretPath.endsWith('/')) return undefined;
  return { kind, secretPath, operation: changeOperation };
}
