import { z } from 'zod';
import { mountNotFound, parseBody, vaultErrors } from '../http/vault-error-mapping';
import { VaultResponse } from '../http/vault-request';
import { UnreadableVersion } from './kv-v2.results';
import { VersionedBody, VersionMetadata, versionMetadataSchema } from './kv-v2.schemas';

/** Where a response came from, for error messages. */
export interface KvCall {
  mountPath: string;
  operation: string;
}

const goneVersionSchema = z.object({ data: z.object({ metadata: versionMetadataSchema }) });

export const unreadableVersion = (metadata: VersionMetadata): UnreadableVersion =>
  metadata.destroyed ? { kind: 'destroyed', metadata } : { kind: 'deleted', metadata };

/**
 * A 404 without version metadata is either `{"errors":[]}` — nothing there, also an empty LIST — or named errors
 * (`no handler for route`, `unsupported path`): no KV v2 mount serves the path, which is thrown.
 */
export function isEmptyNotFound(response: VaultResponse, call: KvCall): true {
  if (vaultErrors(response.body)?.length === 0) return true;
  throw mountNotFound({ path: call.mountPath, kind: 'KV v2' }, call.operation, response.body);
}

/**
 * A 404 from a versioned read is one of three things (spec vault-sync-api §8): a body with the metadata of a
 * deleted or destroyed version, an empty errors list (never existed), or a missing mount (thrown).
 */
export function classifyNotFound(response: VaultResponse, call: KvCall): UnreadableVersion {
  const gone = goneVersionSchema.safeParse(response.body);
  if (gone.success) return unreadableVersion(gone.data.data.metadata);
  isEmptyNotFound(response, call);
  return { kind: 'absent' };
}

/** A versioned read (`data/`, `subkeys/`): found, or deleted/destroyed/absent; never throws for those. */
export function classifyVersionedRead(
  response: VaultResponse,
  call: KvCall,
  schema: z.ZodType<VersionedBody>,
): { kind: 'found'; values: Record<string, unknown>; metadata: VersionMetadata } | UnreadableVersion {
  if (response.status === 404) return classifyNotFound(response, call);
  const { values, metadata } = parseBody(schema, response.body, call.operation);
  // Vault answers 404 for these; a 200 without values is treated the same way rather than as an empty secret.
  if (values === null) return unreadableVersion(metadata);
  return { kind: 'found', values, metadata };
}
