import { SyncJobProducer } from '@vault-sync/jobs';
import { GlobalConfigRepository, GlobalSyncConfig } from '@vault-sync/store';

/**
 * `sys/sync/config` (spec §3.1). The stored flag is the source of truth and the queues follow it: `disabled`
 * pauses every queue, so operations keep queueing (associations show PENDING) and run once re-enabled.
 */
export class SyncConfigService {
  constructor(
    private readonly config: Pick<GlobalConfigRepository, 'get' | 'update' | 'reset'>,
    private readonly queues: Pick<SyncJobProducer, 'pauseAll' | 'resumeAll'>,
  ) {}

  get(): Promise<GlobalSyncConfig> {
    return this.config.get();
  }

  async patch(changes: Partial<GlobalSyncConfig>): Promise<GlobalSyncConfig> {
    return this.applyToQueues(await this.config.update(changes));
  }

  async reset(): Promise<GlobalSyncConfig> {
    return this.applyToQueues(await this.config.reset());
  }

  /** Call at boot too: it repairs queues left out of step by a crash between the config write and the pause. */
  async syncQueuesWithConfig(): Promise<GlobalSyncConfig> {
    return this.applyToQueues(await this.config.get());
  }

  private async applyToQueues(config: GlobalSyncConfig): Promise<GlobalSyncConfig> {
    await (config.disabled ? this.queues.pauseAll() : this.queues.resumeAll());
    return config;
  }
}
