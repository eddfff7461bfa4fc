import { INestApplication, INestMicroservice } from '@nestjs/common';
import { GrpcOptions, MicroserviceOptions, Transport } from '@nestjs/microservices';
import { PROTO_LOADER_OPTIONS, SECRETS_SYNC_PACKAGE, findProtoDirectory, secretsSyncProtoPath } from '@vault-sync/grpc-contract';

/** The SecretsSync gRPC server on every interface at `port`, decoding with the contract's loader options. */
export function grpcServerOptions(port: number): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      package: SECRETS_SYNC_PACKAGE,
      protoPath: secretsSyncProtoPath(),
      url: `0.0.0.0:${port}`,
      loader: { ...PROTO_LOADER_OPTIONS, includeDirs: [findProtoDirectory()] },
      // On shutdown, let calls in flight finish rather than cutting them off.
      gracefulShutdown: true,
    },
  };
}

/**
 * Attaches the gRPC API to the gateway's Nest app (whose module imports `GrpcModule`). It starts serving with
 * `app.startAllMicroservices()` and stops with `app.close()`. The gateway's global HTTP filters are not
 * inherited: the gRPC controllers map errors themselves.
 */
export function attachGrpcServer(app: INestApplication, port: number): INestMicroservice {
  return app.connectMicroservice<MicroserviceOptions>(grpcServerOptions(port));
}
