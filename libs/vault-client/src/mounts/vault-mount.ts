import { z } from 'zod';

/** One secrets engine mount. Structurally a change-capture `KnownMount`. */
export interface VaultMount {
  /** With its trailing slash, as the mount table keys it: `secret/`. */
  path: string;
  accessor: string;
  type: string;
  options: Record<string, string> | null;
  /** `type == "kv"` and `options.version == "2"` (spec change-capture §4.1). */
  isKvV2: boolean;
}

export const mountEntrySchema = z.object({
  accessor: z.string().min(1),
  type: z.string().min(1),
  options: z.record(z.string(), z.string()).nullable().default(null),
});

export function toVaultMount(path: string, entry: z.output<typeof mountEntrySchema>): VaultMount {
  const withSlash = path.endsWith('/') ? path : `${path}/`;
  const { accessor, type, options } = entry;
  return { path: withSlash, accessor, type, options, isKvV2: type === 'kv' && options?.['version'] === '2' };
}
