import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Inject, Param, Post, Put, Query } from '@nestjs/common';
import type { AccessChecker } from '@vault-sync/access';
import { DestinationRef } from '@vault-sync/domain';
import { AssociationService, DestinationAssociationsView, normalizeMountPath } from '@vault-sync/sync-service';
import { isPermissionDenied } from '../auth/permission-denied';
import { SecretReadDeniedError } from '../auth/secret-read-denied.error';
import { vaultToken } from '../auth/vault-request-access';
import { parseRequestInput } from '../http/request-input';
import { VaultResponse, vaultResponse } from '../http/vault-response';
import { ACCESS_CHECKER } from '../sync/tokens';
import { requireRead } from './listing';
import { associationBodySchema, destinationRefOf, noQuerySchema } from './request-schemas';

type Headers = Record<string, string | string[] | undefined>;
type AssociationsResponse = Promise<VaultResponse<DestinationAssociationsView>>;

/** One destination's associations (spec §3.6, §3.7). Every answer is the destination's full associations document. */
@Controller('v1/sys/sync/destinations/:type/:name/associations')
export class DestinationAssociationsController {
  constructor(
    private readonly associations: AssociationService,
    @Inject(ACCESS_CHECKER) private readonly access: AccessChecker,
  ) {}

  @Get()
  async list(@Param() params: unknown, @Query() query: unknown): AssociationsResponse {
    const ref = destinationRefOf(params);
    requireRead(query);
    return vaultResponse(await this.associations.list(ref));
  }

  @Post('set')
  @HttpCode(HttpStatus.OK)
  postSet(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown, @Headers() headers: Headers): AssociationsResponse {
    return this.set(params, query, body, headers);
  }

  @Put('set')
  putSet(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown, @Headers() headers: Headers): AssociationsResponse {
    return this.set(params, query, body, headers);
  }

  @Post('remove')
  @HttpCode(HttpStatus.OK)
  postRemove(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): AssociationsResponse {
    return this.remove(params, query, body);
  }

  @Put('remove')
  putRemove(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): AssociationsResponse {
    return this.remove(params, query, body);
  }

  /**
   * Creates the association and queues a sync, or re-queues an existing one (a refresh). The caller must be able
   * to read the secret itself, not only to write here (spec §3.7 step 2); checked once, at set time.
   */
  private async set(params: unknown, query: unknown, body: unknown, headers: Headers): AssociationsResponse {
    const { ref, mount, secretName } = this.parse(params, query, body);
    await this.authorizeSecretRead(vaultToken(headers), mount, secretName);
    return vaultResponse(await this.associations.set(ref, mount, secretName));
  }

  /** Queues an unsync; the entry shows UNSYNCING until the worker removes it. */
  private async remove(params: unknown, query: unknown, body: unknown): AssociationsResponse {
    const { ref, mount, secretName } = this.parse(params, query, body);
    return vaultResponse(await this.associations.remove(ref, mount, secretName));
  }

  private parse(params: unknown, query: unknown, body: unknown): { ref: DestinationRef; mount: string; secretName: string } {
    const ref = destinationRefOf(params);
    parseRequestInput(noQuerySchema, query, 'query');
    const { mount, secret_name } = parseRequestInput(associationBodySchema, body === undefined ? {} : body, 'body');
    return { ref, mount: normalizeMountPath(mount), secretName: secret_name };
  }

  private async authorizeSecretRead(token: string | undefined, mount: string, secretName: string): Promise<void> {
    try {
      await this.access.authorize({ token, path: `${mount}/data/${secretName}`, capability: 'read' });
    } catch (err) {
      throw isPermissionDenied(err) ? new SecretReadDeniedError(mount, secretName) : err;
    }
  }
}
