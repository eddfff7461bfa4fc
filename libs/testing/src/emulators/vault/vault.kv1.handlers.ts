import { asFolder } from './vault.kv-list';
import { KvV1Store } from './vault.kv1.store';
import { dataReply, emptyReply, invalidReply, notFoundReply, unsupportedOperation } from './vault.reply';
import { EngineRoute } from './vault.route';

/** Routes a path inside a KV v1 mount: one unversioned secret per path. */
export function kv1Route(store: KvV1Store, path: string): EngineRoute {
  return {
    kind: 'kv-v1',
    exists: store.exists(path),
    handle: (call) => {
      switch (call.operation) {
        case 'read': {
          const data = store.read(path);
          return data ? dataReply(data) : notFoundReply();
        }
        case 'list': {
          const keys = store.list(asFolder(path));
          return keys.length ? dataReply({ keys }) : notFoundReply();
        }
        case 'create':
        case 'update':
          if (!call.data || Object.keys(call.data).length === 0) return invalidReply('missing data fields');
          store.write(path, call.data);
          return emptyReply();
        case 'delete':
          store.delete(path);
          return emptyReply();
        case 'patch':
          return unsupportedOperation();
      }
    },
  };
}
