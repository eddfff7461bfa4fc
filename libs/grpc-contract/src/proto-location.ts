import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SECRETS_SYNC_PACKAGE = 'vaultsync.v1';
export const SECRETS_SYNC_SERVICE = 'SecretsSync';
/** Relative to the proto directory, so imports between our .proto files resolve from there. */
export const SECRETS_SYNC_PROTO_FILE = 'vaultsync/v1/secrets_sync.proto';

const PROTO_DIRECTORY_IN_REPO = join('libs', 'grpc-contract', 'proto');

/**
 * The directory holding our .proto files. The TypeScript build compiles `src/` into `dist/` without copying the
 * .proto files, so this walks up from the running module (`libs/grpc-contract/src` or
 * `dist/libs/grpc-contract/src`) to the first ancestor that has `libs/grpc-contract/proto`: the repository root
 * from either place, and `dist/` first should a packaging step ever copy the protos there.
 */
export function findProtoDirectory(fromDirectory: string = __dirname): string {
  for (let directory = fromDirectory; ; directory = dirname(directory)) {
    const candidate = join(directory, PROTO_DIRECTORY_IN_REPO);
    if (existsSync(join(candidate, SECRETS_SYNC_PROTO_FILE))) return candidate;
    if (dirname(directory) === directory) {
      throw new Error(`cannot find ${PROTO_DIRECTORY_IN_REPO}/${SECRETS_SYNC_PROTO_FILE} above ${fromDirectory}`);
    }
  }
}

/** Absolute path of the SecretsSync service definition. */
export function secretsSyncProtoPath(fromDirectory: string = __dirname): string {
  return join(findProtoDirectory(fromDirectory), SECRETS_SYNC_PROTO_FILE);
}

/**
 * `@grpc/proto-loader` options shared by the server and every client, so both see the same object shapes: field
 * names as in the .proto (snake_case, like the HTTP JSON), int64 as numbers, enums as their names, absent scalars
 * as their defaults, and a `kind` naming the member set in each oneof (e.g. `google.protobuf.Value`).
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;
