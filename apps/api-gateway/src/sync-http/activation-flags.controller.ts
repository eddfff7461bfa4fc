import { Controller, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ActivationFlagsView, ActivationService } from '@vault-sync/sync-service';
import { Unauthenticated } from '../auth/access-metadata';
import { parseRequestInput } from '../http/request-input';
import { VaultResponse, vaultResponse } from '../http/vault-response';
import { requireRead } from './listing';
import { noQuerySchema } from './request-schemas';

/** `sys/activation-flags` (spec §3.9): reading is unauthenticated; activating needs `update` on its path. */
@Controller('v1/sys/activation-flags')
export class ActivationFlagsController {
  constructor(private readonly activation: ActivationService) {}

  @Get()
  @Unauthenticated()
  async read(@Query() query: unknown): Promise<VaultResponse<ActivationFlagsView>> {
    requireRead(query);
    return vaultResponse(await this.activation.view());
  }

  @Post('secrets-sync/activate')
  @HttpCode(HttpStatus.OK)
  post(@Query() query: unknown): Promise<VaultResponse<ActivationFlagsView>> {
    return this.activate(query);
  }

  @Put('secrets-sync/activate')
  put(@Query() query: unknown): Promise<VaultResponse<ActivationFlagsView>> {
    return this.activate(query);
  }

  /** Once and for good; activating again answers the same document. */
  private async activate(query: unknown): Promise<VaultResponse<ActivationFlagsView>> {
    parseRequestInput(noQuerySchema, query, 'query');
    return vaultResponse(await this.activation.activate());
  }
}
