/** Every variable a secret name template may reference (spec §5), in the order the docs list them. */
export const TEMPLATE_VARIABLES = [
  'DestinationType',
  'DestinationName',
  'NamespacePath',
  'NamespaceBaseName',
  'NamespaceID',
  'MountPath',
  'MountBaseName',
  'MountAccessor',
  'SecretPath',
  'SecretBaseName',
  'SecretKey',
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** Values for one secret. `SecretKey` is only present under `secret-key` granularity. */
export type SecretTemplateVariables = Readonly<Record<Exclude<TemplateVariable, 'SecretKey'>, string>>;

export type TemplateVariables = SecretTemplateVariables & { readonly SecretKey?: string };

export interface SecretLocation {
  destinationType: string;
  destinationName: string;
  /** Namespace path, e.g. `ns1/ns2`; empty or `/` for the root namespace. */
  namespacePath: string;
  /** Internal namespace ID; omitted for the root namespace. */
  namespaceId?: string;
  mountPath: string;
  mountAccessor: string;
  secretPath: string;
}

/**
 * Derives the template variables of one secret. Spec §5 leaves slash handling open; we decide:
 * `NamespacePath` ends with `/` unless it is the root (empty), `MountPath` and `SecretPath` carry no leading or
 * trailing `/`, and the root namespace's ID is `root`.
 */
export function secretTemplateVariables(location: SecretLocation): SecretTemplateVariables {
  const namespace = trimSlashes(location.namespacePath);
  const mountPath = trimSlashes(location.mountPath);
  const secretPath = trimSlashes(location.secretPath);
  return {
    DestinationType: location.destinationType,
    DestinationName: location.destinationName,
    NamespacePath: namespace === '' ? '' : `${namespace}/`,
    NamespaceBaseName: lastSegment(namespace),
    NamespaceID: location.namespaceId ?? 'root',
    MountPath: mountPath,
    MountBaseName: lastSegment(mountPath),
    MountAccessor: location.mountAccessor,
    SecretPath: secretPath,
    SecretBaseName: lastSegment(secretPath),
  };
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
