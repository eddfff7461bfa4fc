import { z } from 'zod';
import { parseBody } from '../http/vault-error-mapping';
import { mountEntrySchema, toVaultMount, VaultMount } from './vault-mount';

/** `GET sys/mounts` lists mounts under `data` (and, for old clients, again at the top level). */
const mountTableSchema = z.object({ data: z.record(z.string(), mountEntrySchema) });

/** `GET sys/internal/ui/mounts/<path>`: the one mount owning a path, for tokens without `sys/mounts`. */
export const uiMountSchema = z.object({ data: mountEntrySchema.extend({ path: z.string().min(1) }) });

export function parseMountTable(body: unknown, operation: string): VaultMount[] {
  const { data } = parseBody(mountTableSchema, body, operation);
  return Object.entries(data).map(([path, entry]) => toVaultMount(path, entry));
}

/** The mount owning `path` (a mount path or any path inside one, slashes optional): longest prefix wins. */
export function mountForPath(mounts: readonly VaultMount[], path: string): VaultMount | undefined {
  const target = `${path.replace(/^\/+|\/+$/g, '')}/`;
  return mounts.filter((mount) => target.startsWith(mount.path)).reduce<VaultMount | undefined>((best, mount) => (!best || mount.path.length > best.path.length ? mount : best), undefined);
}

export function mountWithAccessor(mounts: readonly VaultMount[], accessor: string): VaultMount | undefined {
  return mounts.find((mount) => mount.accessor === accessor);
}
