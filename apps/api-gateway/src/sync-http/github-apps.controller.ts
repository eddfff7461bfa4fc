import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { CREDENTIAL_MASK, validateDestinationName } from '@vault-sync/destinations-core';
import { GithubAppService, GithubAppView } from '@vault-sync/sync-service';
import { ExistenceChecked } from '../auth/access-metadata';
import { parseRequestInput } from '../http/request-input';
import { VaultResponse, vaultResponse } from '../http/vault-response';
import { nonEmpty, requireListing, requireRead } from './listing';
import { githubAppBodySchema, githubAppParamsSchema, noQuerySchema } from './request-schemas';

/** `sys/sync/github-apps` (spec §3.10): validation here, behaviour in GithubAppService. */
@Controller('v1/sys/sync/github-apps')
export class GithubAppsController {
  constructor(private readonly githubApps: GithubAppService) {}

  @Get()
  async list(@Query() query: unknown): Promise<VaultResponse<{ keys: string[] }>> {
    requireListing(query);
    const keys = await this.githubApps.list();
    nonEmpty(keys);
    return vaultResponse({ keys });
  }

  @Get(':name')
  async read(@Param() params: unknown, @Query() query: unknown): Promise<VaultResponse<GithubAppView>> {
    const name = appNameOf(params);
    requireRead(query);
    return vaultResponse(await this.githubApps.read(name));
  }

  @Post(':name')
  @HttpCode(HttpStatus.OK)
  @ExistenceChecked('github-app')
  post(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): Promise<VaultResponse<GithubAppView>> {
    return this.write(params, query, body);
  }

  @Put(':name')
  @ExistenceChecked('github-app')
  put(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): Promise<VaultResponse<GithubAppView>> {
    return this.write(params, query, body);
  }

  /** 200 with `{app_id, name}`; refused while a gh destination uses the app. */
  @Delete(':name')
  async delete(@Param() params: unknown, @Query() query: unknown): Promise<VaultResponse<Pick<GithubAppView, 'app_id' | 'name'>>> {
    const name = appNameOf(params);
    parseRequestInput(noQuerySchema, query, 'query');
    return vaultResponse(await this.githubApps.delete(name));
  }

  /** POST = PUT: create with `app_id` and `private_key`, or replace the key (a `*****` key keeps the stored one). */
  private async write(params: unknown, query: unknown, body: unknown): Promise<VaultResponse<GithubAppView>> {
    const name = appNameOf(params);
    parseRequestInput(noQuerySchema, query, 'query');
    const { app_id, private_key } = parseRequestInput(githubAppBodySchema, body === undefined ? {} : body, 'body');
    return vaultResponse(await this.githubApps.write(name, { appId: app_id, privateKey: private_key === CREDENTIAL_MASK ? undefined : private_key }));
  }
}

/** App names follow Vault's path-name rule, like destination names. @throws 400 */
function appNameOf(params: unknown): string {
  const { name } = parseRequestInput(githubAppParamsSchema, params, 'path');
  validateDestinationName(name);
  return name;
}
