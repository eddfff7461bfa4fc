import { DynamicModule, Module } from '@nestjs/common';
import { HEALTH_PROBE, HealthController, HealthProbe } from './health.controller';

@Module({})
export class HealthModule {
  static forRoot(probe: HealthProbe): DynamicModule {
    return { module: HealthModule, controllers: [HealthController], providers: [{ provide: HEALTH_PROBE, useValue: probe }] };
  }
}
