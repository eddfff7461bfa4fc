import { Module } from '@nestjs/common';
import { AssociationsGrpcController } from './associations.grpc-controller';
import { ConfigGrpcController } from './config.grpc-controller';
import { DestinationsGrpcController } from './destinations.grpc-controller';
import { GrpcCallerAccess } from './grpc-access';

/**
 * The SecretsSync gRPC controllers, on the services of the gateway's global `SyncApiModule` (the same instances
 * as the HTTP API). Served once the microservice of `grpc-server.ts` is attached and started.
 */
@Module({
  controllers: [DestinationsGrpcController, AssociationsGrpcController, ConfigGrpcController],
  providers: [GrpcCallerAccess],
})
export class GrpcModule {}
