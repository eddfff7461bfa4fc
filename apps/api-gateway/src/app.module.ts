import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { HEALTH_PROBE, HealthController, HealthProbe } from './health/health.controller';

export interface GatewayDependencies {
  healthProbe: HealthProbe;
  /** Releases connections the gateway was given, after Nest has stopped serving. */
  release?: () => Promise<void>;
}

const DEPENDENCIES = Symbol('GATEWAY_DEPENDENCIES');

@Injectable()
class ConnectionReleaser implements OnApplicationShutdown {
  constructor(@Inject(DEPENDENCIES) private readonly dependencies: GatewayDependencies) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dependencies.release?.();
  }
}

@Module({})
export class AppModule {
  static forRoot(dependencies: GatewayDependencies): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [
        { provide: DEPENDENCIES, useValue: dependencies },
        { provide: HEALTH_PROBE, useValue: dependencies.healthProbe },
        ConnectionReleaser,
      ],
    };
  }
}
