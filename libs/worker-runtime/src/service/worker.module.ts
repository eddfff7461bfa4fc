import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { WORKER_HEALTH, WorkerHealthController, WorkerHealthProbe } from './health.controller';

export interface WorkerModuleDependencies {
  health: WorkerHealthProbe;
  /** Stops the worker (draining running jobs) and releases connections; runs once, on shutdown. */
  shutdown: () => Promise<void>;
}

const DEPENDENCIES = Symbol('WORKER_DEPENDENCIES');

@Injectable()
class WorkerShutdown implements OnApplicationShutdown {
  constructor(@Inject(DEPENDENCIES) private readonly dependencies: WorkerModuleDependencies) {}

  async onApplicationShutdown(): Promise<void> {
    await this.dependencies.shutdown();
  }
}

/** The worker service as a Nest application: the health endpoint (when served) and the shutdown hook. */
@Module({})
export class WorkerModule {
  static forRoot(dependencies: WorkerModuleDependencies, options: { serveHealth: boolean }): DynamicModule {
    return {
      module: WorkerModule,
      controllers: options.serveHealth ? [WorkerHealthController] : [],
      providers: [
        { provide: DEPENDENCIES, useValue: dependencies },
        { provide: WORKER_HEALTH, useValue: dependencies.health },
        WorkerShutdown,
      ],
    };
  }
}
