import { Body, Controller, Delete, Get, Patch, Query } from '@nestjs/common';
import { GlobalSyncConfig } from '@vault-sync/store';
import { SyncConfigService } from '@vault-sync/sync-service';
import { parseRequestInput } from '../http/request-input';
import { VaultResponse, vaultResponse } from '../http/vault-response';
import { requireRead } from './listing';
import { noQuerySchema, syncConfigPatchSchema } from './request-schemas';

export interface SyncConfigView {
  disabled: boolean;
  queue_capacity: number;
}

/** `sys/sync/config` (spec §3.1): `disabled` pauses the queues without dropping jobs. */
@Controller('v1/sys/sync/config')
export class SyncConfigController {
  constructor(private readonly config: SyncConfigService) {}

  @Get()
  async read(@Query() query: unknown): Promise<VaultResponse<SyncConfigView>> {
    requireRead(query);
    return view(await this.config.get());
  }

  @Patch()
  async patch(@Query() query: unknown, @Body() body: unknown): Promise<VaultResponse<SyncConfigView>> {
    parseRequestInput(noQuerySchema, query, 'query');
    const { disabled, queue_capacity } = parseRequestInput(syncConfigPatchSchema, body === undefined ? {} : body, 'body');
    return view(await this.config.patch({ ...(disabled === undefined ? {} : { disabled }), ...(queue_capacity === undefined ? {} : { queueCapacity: queue_capacity }) }));
  }

  /** Back to the defaults; 200 with the config (spec §3.1). */
  @Delete()
  async reset(@Query() query: unknown): Promise<VaultResponse<SyncConfigView>> {
    parseRequestInput(noQuerySchema, query, 'query');
    return view(await this.config.reset());
  }
}

function view(config: GlobalSyncConfig): VaultResponse<SyncConfigView> {
  return vaultResponse({ disabled: config.disabled, queue_capacity: config.queueCapacity });
}
