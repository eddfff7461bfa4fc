/**
 * The immediate children of `folder` among stored keys, as a KV LIST returns them: sorted, sub-folders with a
 * trailing `/`, each once. `folder` is `""` for the root or ends with `/`.
 */
export function childKeys(keys: Iterable<string>, folder: string): string[] {
  const children = new Set<string>();
  for (const key of keys) {
    if (!key.startsWith(folder)) continue;
    const rest = key.slice(folder.length);
    const slash = rest.indexOf('/');
    children.add(slash < 0 ? rest : rest.slice(0, slash + 1));
  }
  children.delete('');
  return [...children].sort();
}

/** A LIST path's folder: `""` for the mount root, otherwise the path with one trailing `/`. */
export const asFolder = (path: string): string => (path === '' || path.endsWith('/') ? path : `${path}/`);
