import { Controller, Get, Param, Query } from '@nestjs/common';
import { AssociationService, SecretDestinationsView, SecretsView } from '@vault-sync/sync-service';
import { parseRequestInput } from '../http/request-input';
import { VaultResponse, vaultResponse } from '../http/vault-response';
import { nonEmpty, requireListing, requireRead } from './listing';
import { mountField, secretQuerySchema } from './request-schemas';

/** The secret-centric views (spec §3.8). */
@Controller('v1/sys/sync/associations')
export class SecretAssociationsController {
  constructor(private readonly associations: AssociationService) {}

  /** `LIST sys/sync/associations`: every secret with at least one association, plus totals. */
  @Get()
  async listSecrets(@Query() query: unknown): Promise<VaultResponse<SecretsView>> {
    requireListing(query);
    const view = await this.associations.listSecrets();
    nonEmpty(view.keys);
    return vaultResponse(view);
  }

  /** `GET sys/sync/associations/destinations?mount=&secret_name=`: safe for nested paths. */
  @Get('destinations')
  async destinationsByQuery(@Query() query: unknown): Promise<VaultResponse<SecretDestinationsView>> {
    const { mount, secret_name } = parseRequestInput(secretQuerySchema, query, 'query');
    return this.answer(await this.associations.destinationsOfSecret(mount, secret_name));
  }

  /** `GET sys/sync/associations/:mount/:secret_name`: the mount is the longest leading part that is a mount. */
  @Get('*')
  async destinationsByPath(@Param('*') path: string, @Query() query: unknown): Promise<VaultResponse<SecretDestinationsView>> {
    requireRead(query);
    const checked = parseRequestInput(mountField, path, 'path');
    return this.answer(await this.associations.destinationsOfSecretAt(checked));
  }

  private answer(view: SecretDestinationsView): VaultResponse<SecretDestinationsView> {
    nonEmpty(Object.keys(view.associated_destinations));
    return vaultResponse(view);
  }
}
