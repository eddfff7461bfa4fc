import { ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protobuf } from 'google-gax';
import { dirname, join } from 'node:path';

const SERVICE = 'google.cloud.secretmanager.v1.SecretManagerService';

/** The official package's protos and google-gax's bundled common protos they import (spec §3.1). */
function protoRoots(): { secretManager: string; common: string } {
  // google-gax exports no package.json; its main module sits at build/src/index.js, beside build/protos.
  const gaxMain = require.resolve('google-gax');
  return {
    secretManager: join(dirname(require.resolve('@google-cloud/secret-manager/package.json')), 'build', 'protos'),
    common: join(dirname(gaxMain), '..', 'protos'),
  };
}

/**
 * SecretManagerService as grpc-js serves it. Requests arrive with camelCase fields, int64 as strings,
 * enums as names and bytes as Buffers; oneofs also name their chosen member.
 */
export function secretManagerService(): ServiceDefinition {
  const roots = protoRoots();
  const definition = loadSync('google/cloud/secretmanager/v1/service.proto', {
    includeDirs: [roots.secretManager, roots.common],
    keepCase: false,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  return definition[SERVICE] as ServiceDefinition;
}

/** google.rpc.Status, with the detail messages (ErrorInfo, …) its `details` may pack. */
export function statusType(): protobuf.Type {
  const root = new protobuf.Root();
  const common = protoRoots().common;
  root.resolvePath = (_origin, target) => join(common, target);
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
  return root.lookupType('google.rpc.Status');
}
