import { VaultCall } from './vault.call';
import { boolField, durationField, intField, intListField, objectField, stringMapField } from './vault.fields';
import { asFolder } from './vault.kv-list';
import { KvV2Store, MetadataFields, ReadOutcome, WriteOutcome } from './vault.kv2.store';
import { dataReply, emptyReply, invalidReply, notFoundReply, unsupportedOperation, unsupportedPath, VaultReply } from './vault.reply';
import { EngineRoute, firstSegment } from './vault.route';

const readReply = (outcome: ReadOutcome, dataKey: 'data' | 'subkeys'): VaultReply => {
  if (outcome.kind === 'not-found') return notFoundReply();
  if (outcome.kind === 'gone') return { kind: 'data-with-status', status: 404, data: { [dataKey]: null, metadata: outcome.metadata } };
  return dataReply({ [dataKey]: outcome.data, metadata: outcome.metadata });
};

const writeReply = (outcome: WriteOutcome): VaultReply => {
  if (outcome.kind === 'not-found') return notFoundReply();
  if (outcome.kind === 'cas-error') return invalidReply(outcome.message);
  return dataReply(outcome.version);
};

const listReply = (keys: string[]): VaultReply => (keys.length ? dataReply({ keys }) : notFoundReply());

function casOption(call: VaultCall): number | undefined {
  return intField(objectField(call.data, 'options'), 'cas');
}

function dataHandler(store: KvV2Store, call: VaultCall, path: string): VaultReply {
  if (call.operation === 'list') return unsupportedOperation();
  if (!path) return invalidReply('missing path');
  switch (call.operation) {
    case 'read':
      return readReply(store.read(path, intField(call.data, 'version')), 'data');
    case 'create':
    case 'update':
    case 'patch': {
      const data = objectField(call.data, 'data');
      if (!data) return invalidReply('no data provided');
      const cas = casOption(call);
      return writeReply(call.operation === 'patch' ? store.patch(path, data, cas) : store.write(path, data, cas));
    }
    case 'delete':
      store.deleteLatest(path);
      return emptyReply();
  }
}

function metadataFields(call: VaultCall): MetadataFields {
  return {
    maxVersions: intField(call.data, 'max_versions'),
    casRequired: boolField(call.data, 'cas_required'),
    deleteVersionAfterNs: durationField(call.data, 'delete_version_after'),
    customMetadata: stringMapField(call.data, 'custom_metadata'),
  };
}

function metadataHandler(store: KvV2Store, call: VaultCall, path: string): VaultReply {
  if (call.operation === 'list') return listReply(store.list(asFolder(path)));
  if (!path) return invalidReply('missing path');
  switch (call.operation) {
    case 'read': {
      const metadata = store.readMetadata(path);
      return metadata ? dataReply(metadata) : notFoundReply();
    }
    case 'create':
    case 'update':
      store.writeMetadata(path, metadataFields(call));
      return emptyReply();
    case 'patch':
      return store.patchMetadata(path, metadataFields(call)) ? emptyReply() : notFoundReply();
    case 'delete':
      store.deleteMetadata(path);
      return emptyReply();
  }
}

/** `delete/`, `undelete/` and `destroy/`: POST/PUT with `versions` (spec vault-change-capture §3.1). */
function versionsHandler(call: VaultCall, path: string, apply: (path: string, versions: number[]) => void): VaultReply {
  if (call.operation !== 'create' && call.operation !== 'update') return unsupportedOperation();
  const versions = intListField(call.data, 'versions');
  if (!versions?.length) return invalidReply('no version number provided');
  apply(path, versions);
  return emptyReply();
}

function configHandler(store: KvV2Store, call: VaultCall): VaultReply {
  if (call.operation === 'read') return dataReply(store.readConfig());
  if (call.operation !== 'update' && call.operation !== 'create') return unsupportedOperation();
  const fields = metadataFields(call);
  if (fields.maxVersions !== undefined) store.config.maxVersions = fields.maxVersions;
  if (fields.casRequired !== undefined) store.config.casRequired = fields.casRequired;
  if (fields.deleteVersionAfterNs !== undefined) store.config.deleteVersionAfterNs = fields.deleteVersionAfterNs;
  return emptyReply();
}

/** Routes a path inside a KV v2 mount (`data/`, `metadata/`, `delete/`, `undelete/`, `destroy/`, `subkeys/`, `config`). */
export function kv2Route(store: KvV2Store, relativePath: string): EngineRoute {
  const [kind, path] = firstSegment(relativePath);
  const route = (handle: EngineRoute['handle'], exists?: boolean): EngineRoute => ({ kind: `kv-v2/${kind}`, exists, handle });
  switch (kind) {
    case 'data':
      return route((call) => dataHandler(store, call, path), store.exists(path));
    case 'metadata':
      return route((call) => metadataHandler(store, call, path), store.exists(path));
    case 'delete':
      return route((call) => versionsHandler(call, path, (p, v) => store.deleteVersions(p, v)));
    case 'undelete':
      return route((call) => versionsHandler(call, path, (p, v) => store.undelete(p, v)));
    case 'destroy':
      return route((call) => versionsHandler(call, path, (p, v) => store.destroy(p, v)));
    case 'subkeys':
      return route((call) => (call.operation === 'read' ? readReply(store.subkeys(path, intField(call.data, 'version'), intField(call.data, 'depth') ?? 0), 'subkeys') : unsupportedOperation()));
    case 'config':
      return path ? { kind: 'kv-v2/unknown', handle: unsupportedPath } : route((call) => configHandler(store, call));
    default:
      return { kind: 'kv-v2/unknown', handle: unsupportedPath };
  }
}
