import { DynamicModule, Module } from '@nestjs/common';
import { HEALTH_PROBE, HealthController, HealthProbe } from './health/health.controller';

export interface GatewayDependencies {
  healthProbe: HealthProbe;
}

@Module({})
export class AppModule {
  static forRoot(dependencies: GatewayDependencies): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [{ provide: HEALTH_PROBE, useValue: dependencies.healthProbe }],
    };
  }
}
