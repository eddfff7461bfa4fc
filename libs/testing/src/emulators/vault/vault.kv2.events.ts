import { VaultCall } from './vault.call';
import { intListField } from './vault.fields';
import { KvV2Store } from './vault.kv2.store';
import { Mount } from './vault.mounts';
import { VaultReply } from './vault.reply';

/** An event a plugin raised, before the event bus wraps it (spec vault-sync-api §11.3). */
export interface PluginEvent {
  /** `kv-v2/data-write`, … */
  eventType: string;
  /** String values only, as Vault sends them. */
  metadata: Record<string, string>;
  mount: Mount;
}

interface KvEventRule {
  /** The event-type suffix, also sent as `operation`. */
  name: string;
  /** The kind of path `data_path` names, or none: Vault hands events without it to root tokens only. */
  dataPathKind?: 'data' | 'metadata' | 'config';
  /** The metadata key listing the versions the call named. */
  versionsKey?: string;
  /** Whether `current_version` and `oldest_version` are sent. */
  versions: boolean;
}

const WRITE_OPERATIONS = new Set(['create', 'update']);

/** `<route kind>` → operation → event, after the KV plugin's `SendEvent` calls. */
const KV_EVENTS: ReadonlyMap<string, ReadonlyMap<string, KvEventRule>> = new Map<string, ReadonlyMap<string, KvEventRule>>([
  [
    'data',
    new Map<string, KvEventRule>([
      ['create', { name: 'data-write', dataPathKind: 'data', versions: true }],
      ['update', { name: 'data-write', dataPathKind: 'data', versions: true }],
      ['patch', { name: 'data-patch', dataPathKind: 'data', versions: true }],
      ['delete', { name: 'data-delete', versions: true }],
    ]),
  ],
  [
    'metadata',
    new Map<string, KvEventRule>([
      ['create', { name: 'metadata-write', dataPathKind: 'metadata', versions: false }],
      ['update', { name: 'metadata-write', dataPathKind: 'metadata', versions: false }],
      ['patch', { name: 'metadata-patch', dataPathKind: 'metadata', versions: false }],
      ['delete', { name: 'metadata-delete', versions: false }],
    ]),
  ],
  ['delete', writesOnly({ name: 'delete', versionsKey: 'deleted_versions', versions: true })],
  ['undelete', writesOnly({ name: 'undelete', dataPathKind: 'data', versionsKey: 'undeleted_versions', versions: true })],
  ['destroy', writesOnly({ name: 'destroy', versionsKey: 'destroyed_versions', versions: true })],
  ['config', writesOnly({ name: 'config-write', dataPathKind: 'config', versions: false })],
]);

function writesOnly(rule: KvEventRule): ReadonlyMap<string, KvEventRule> {
  return new Map([...WRITE_OPERATIONS].map((operation) => [operation, rule]));
}

/**
 * The event a successful KV v2 call raises, or `undefined`. `path` and `data_path` carry the mount path
 * (`secret/data/app/db`), and every event says `modified="true"` and its `operation`.
 */
export function kvV2EventOf(call: VaultCall, routeKind: string, reply: VaultReply): PluginEvent | undefined {
  const mount = call.mount;
  if (mount?.engine.kind !== 'kv2' || (reply.kind !== 'data' && reply.kind !== 'empty')) return undefined;
  const kind = routeKind.slice('kv-v2/'.length);
  const rule = KV_EVENTS.get(kind)?.get(call.operation);
  if (!rule) return undefined;
  const secretPath = call.path.slice(mount.path.length + kind.length + 1);
  const metadata: Record<string, string> = { path: call.path, operation: rule.name, modified: 'true' };
  if (rule.dataPathKind) metadata['data_path'] = rule.dataPathKind === 'config' ? `${mount.path}config` : `${mount.path}${rule.dataPathKind}/${secretPath}`;
  if (rule.versions) Object.assign(metadata, versionNumbers(mount.engine.store, secretPath));
  if (rule.versionsKey) metadata[rule.versionsKey] = JSON.stringify(intListField(call.data, 'versions') ?? []);
  return { eventType: `kv-v2/${rule.name}`, metadata, mount };
}

function versionNumbers(store: KvV2Store, secretPath: string): Record<string, string> {
  const metadata = store.readMetadata(secretPath);
  if (!metadata) return {};
  return { current_version: String(metadata['current_version']), oldest_version: String(metadata['oldest_version']) };
}
