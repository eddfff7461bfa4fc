import { z } from 'zod';
import { ObservedSecretChange, SecretChangeOperation } from '../entry/observed-change';

/**
 * The CloudEvents envelope Vault sends per event with `json=true` (spec vault-sync-api §11.5), reduced to the
 * fields we read. Not strict: newer versions add fields. Metadata values are strings (§11.3).
 */
const envelopeSchema = z.object({
  id: z.string().min(1),
  time: z.string().default(''),
  data: z.object({
    event: z.object({ metadata: z.record(z.string(), z.string()).default({}) }),
    event_type: z.string().min(1),
    namespace: z.string().optional(),
    plugin_info: z.object({ mount_accessor: z.string().min(1), mount_path: z.string().min(1) }).optional(),
  }),
});

interface KvEventMeaning {
  operation: SecretChangeOperation;
  /** The metadata key that lists the versions the call named (`"[1,2]"`). */
  versionsKey?: string;
}

/** KV v2 event types (spec §11.3) → the same operations the audit feeds report; `config-write` changes no secret. */
const KV_V2_EVENTS: ReadonlyMap<string, KvEventMeaning> = new Map([
  ['kv-v2/data-write', { operation: 'write' }],
  ['kv-v2/data-patch', { operation: 'patch' }],
  ['kv-v2/data-delete', { operation: 'delete' }],
  ['kv-v2/delete', { operation: 'delete', versionsKey: 'deleted_versions' }],
  ['kv-v2/undelete', { operation: 'undelete', versionsKey: 'undeleted_versions' }],
  ['kv-v2/destroy', { operation: 'destroy', versionsKey: 'destroyed_versions' }],
  ['kv-v2/metadata-write', { operation: 'metadata-write' }],
  ['kv-v2/metadata-patch', { operation: 'metadata-write' }],
  ['kv-v2/metadata-delete', { operation: 'metadata-delete' }],
]);

/** Path kinds below the mount that KV v2 events name (`<mount>/<kind>/<secret path>`). */
const SECRET_PATH_KINDS: ReadonlySet<string> = new Set(['data', 'delete', 'undelete', 'destroy', 'metadata']);

const versionList = z.array(z.number().int().positive()).min(1);
const positiveInteger = z.coerce.number().int().positive();

export type DecodedEvent = { kind: 'change'; change: ObservedSecretChange } | { kind: 'ignored' } | { kind: 'malformed' };

const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/**
 * One text frame → the KV v2 secret change it reports (spec §11.5 "Mapping to an association"): the accessor from
 * `plugin_info`, the secret path from `metadata.path` without the mount path and the `data/`, `delete/`, …
 * segment. Other event types are `ignored`; a frame that is not such an envelope is `malformed`. The change is
 * a hint to re-read, as the audit feeds' are; its `requestId` is the event id, so deduplication works within
 * this feed but not against the audit feeds (a change seen by both costs one extra re-read).
 */
export function decodeVaultEvent(frame: string): DecodedEvent {
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return { kind: 'malformed' };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { kind: 'malformed' };
  const { id, time, data } = parsed.data;
  const meaning = KV_V2_EVENTS.get(data.event_type);
  if (!meaning) return { kind: 'ignored' };
  const path = data.event.metadata['path'];
  const mountPath = data.plugin_info && withSlash(data.plugin_info.mount_path);
  if (!data.plugin_info || !mountPath || path === undefined || !path.startsWith(mountPath)) return { kind: 'malformed' };
  const relative = path.slice(mountPath.length);
  const slash = relative.indexOf('/');
  const secretPath = relative.slice(slash + 1);
  if (slash <= 0 || !SECRET_PATH_KINDS.has(relative.slice(0, slash)) || secretPath === '' || secretPath.endsWith('/')) return { kind: 'malformed' };
  const versions = meaning.versionsKey ? parseVersions(data.event.metadata[meaning.versionsKey]) : undefined;
  const writes = meaning.operation === 'write' || meaning.operation === 'patch';
  const observedVersion = writes ? positiveInteger.safeParse(data.event.metadata['current_version']).data : undefined;
  return {
    kind: 'change',
    change: {
      kind: 'secret',
      mountAccessor: data.plugin_info.mount_accessor,
      mountPath,
      secretPath,
      operation: meaning.operation,
      ...(versions ? { versions } : {}),
      ...(observedVersion !== undefined ? { observedVersion } : {}),
      ...(data.namespace ? { namespace: withSlash(data.namespace) } : {}),
      requestId: id,
      time,
    },
  };
}

function parseVersions(listed: string | undefined): number[] | undefined {
  if (listed === undefined) return undefined;
  try {
    return versionList.safeParse(JSON.parse(listed)).data;
  } catch {
    return undefined;
  }
}
