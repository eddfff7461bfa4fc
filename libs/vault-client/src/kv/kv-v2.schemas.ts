import { z } from 'zod';

/**
 * Response shapes of the KV v2 calls the engine makes (spec vault-sync-api §8, change-capture §4.2). Objects are
 * not strict: newer Vault and OpenBao versions add fields (`created_by`, …) that must not break reads.
 */

/** `custom_metadata` is null when unset, and absent before Vault 1.9. */
const customMetadata = z.record(z.string(), z.string()).nullable().default(null);

export const versionMetadataSchema = z.object({
  version: z.number().int().positive(),
  created_time: z.string(),
  /** `""` when not deleted; a future time means deletion is only scheduled. */
  deletion_time: z.string(),
  destroyed: z.boolean(),
  custom_metadata: customMetadata,
});

export type VersionMetadata = z.output<typeof versionMetadataSchema>;

const keyedValues = z.record(z.string(), z.unknown());

/** Either versioned read, reduced to its values (null for a deleted or destroyed version) and metadata. */
export interface VersionedBody {
  values: Record<string, unknown> | null;
  metadata: VersionMetadata;
}

/** `GET <mount>/data/<path>`: 200, or 404 with `data: null` and the metadata of a deleted or destroyed version. */
export const dataReadSchema = z
  .object({ data: z.object({ data: keyedValues.nullable(), metadata: versionMetadataSchema }) })
  .transform(({ data }): VersionedBody => ({ values: data.data, metadata: data.metadata }));

/** `GET <mount>/subkeys/<path>`: same envelope, keys with null leaves instead of values. */
export const subkeysReadSchema = z
  .object({ data: z.object({ subkeys: keyedValues.nullable(), metadata: versionMetadataSchema }) })
  .transform(({ data }): VersionedBody => ({ values: data.subkeys, metadata: data.metadata }));

export const secretMetadataSchema = z.object({
  current_version: z.number().int().min(0),
  oldest_version: z.number().int().min(0),
  created_time: z.string(),
  updated_time: z.string(),
  max_versions: z.number().int().min(0),
  cas_required: z.boolean(),
  /** A Go duration string, `"0s"` when unset. */
  delete_version_after: z.string(),
  custom_metadata: customMetadata,
  versions: z.record(z.string(), z.object({ created_time: z.string(), deletion_time: z.string(), destroyed: z.boolean() })),
});

export const metadataReadSchema = z.object({ data: secretMetadataSchema });

/** `LIST <mount>/metadata/<folder>/`: folders end with `/`. */
export const listSchema = z.object({ data: z.object({ keys: z.array(z.string()) }) });

export type SecretMetadata = z.output<typeof secretMetadataSchema>;
