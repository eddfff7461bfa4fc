import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { DestinationReadShape, createDestinationInput, destinationReadShape, updateDestinationInput } from '@vault-sync/destinations-core';
import { DESTINATION_TYPES } from '@vault-sync/destinations-registry';
import { DestinationRef } from '@vault-sync/domain';
import { DestinationService } from '@vault-sync/sync-service';
import { ExistenceChecked } from '../auth/access-metadata';
import { parseRequestInput } from '../http/request-input';
import { VaultResponse, vaultResponse } from '../http/vault-response';
import { nonEmpty, requireListing, requireRead } from './listing';
import { deleteDestinationQuerySchema, destinationParamsSchema, destinationRefOf, noQuerySchema } from './request-schemas';

export interface DestinationListing {
  keys: string[];
  key_info: Record<string, string[]>;
  total_destinations: number;
}

export interface DestinationTypeListing {
  keys: string[];
  total_destinations: number;
}

/** Destinations (spec §3.2-§3.5): validation per type in destinations-core, behaviour in DestinationService. */
@Controller('v1/sys/sync/destinations')
export class DestinationsController {
  constructor(private readonly destinations: DestinationService) {}

  /** `LIST sys/sync/destinations`: type keys with a trailing slash, names per type in `key_info`. */
  @Get()
  async listAll(@Query() query: unknown): Promise<VaultResponse<DestinationListing>> {
    requireListing(query);
    const refs = await this.destinations.list();
    nonEmpty(refs);
    const byType = new Map<string, string[]>();
    for (const { type, name } of refs) byType.set(`${type}/`, [...(byType.get(`${type}/`) ?? []), name]);
    return vaultResponse({ keys: [...byType.keys()], key_info: Object.fromEntries(byType), total_destinations: refs.length });
  }

  /** `LIST sys/sync/destinations/:type`. */
  @Get(':type')
  async listOfType(@Param() params: unknown, @Query() query: unknown): Promise<VaultResponse<DestinationTypeListing>> {
    const { type } = parseRequestInput(destinationParamsSchema.pick({ type: true }), params, 'path');
    requireListing(query);
    const refs = await this.destinations.list(type);
    nonEmpty(refs);
    return vaultResponse({ keys: refs.map((ref) => ref.name), total_destinations: refs.length });
  }

  @Get(':type/:name')
  async read(@Param() params: unknown, @Query() query: unknown): Promise<VaultResponse<DestinationReadShape>> {
    const ref = destinationRefOf(params);
    requireRead(query);
    return this.shaped(ref, await this.destinations.read(ref));
  }

  @Post(':type/:name')
  @HttpCode(HttpStatus.OK)
  @ExistenceChecked('destination')
  post(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): Promise<VaultResponse<DestinationReadShape>> {
    return this.write(params, query, body);
  }

  @Put(':type/:name')
  @ExistenceChecked('destination')
  put(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): Promise<VaultResponse<DestinationReadShape>> {
    return this.write(params, query, body);
  }

  /** JSON merge patch; `custom_tags` merge and `tags_to_remove` applies (spec §3.5). */
  @Patch(':type/:name')
  async patch(@Param() params: unknown, @Query() query: unknown, @Body() body: unknown): Promise<VaultResponse<DestinationReadShape>> {
    const ref = destinationRefOf(params);
    parseRequestInput(noQuerySchema, query, 'query');
    const spec = DESTINATION_TYPES[ref.type];
    return this.shaped(ref, await this.destinations.patch(ref, (current) => updateDestinationInput(spec, current, body, 'merge-patch')));
  }

  /** 204 once deleted, or once a purge has started (the destination stays readable with `purge_initiated_at`). */
  @Delete(':type/:name')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param() params: unknown, @Query() query: unknown): Promise<void> {
    const ref = destinationRefOf(params);
    const { purge, force_delete } = parseRequestInput(deleteDestinationQuerySchema, query, 'query');
    await this.destinations.delete(ref, { purge, forceDelete: force_delete });
  }

  /** POST = PUT: create, or update the fields supplied (a `*****` credential keeps the stored one). */
  private async write(params: unknown, query: unknown, body: unknown): Promise<VaultResponse<DestinationReadShape>> {
    const ref = destinationRefOf(params);
    parseRequestInput(noQuerySchema, query, 'query');
    const spec = DESTINATION_TYPES[ref.type];
    const stored = await this.destinations.write(ref, (current) =>
      current === undefined ? createDestinationInput(spec, ref.name, body) : updateDestinationInput(spec, current, body, 'replace'),
    );
    return this.shaped(ref, stored);
  }

  private shaped(ref: DestinationRef, destination: Parameters<typeof destinationReadShape>[1]): VaultResponse<DestinationReadShape> {
    return vaultResponse(destinationReadShape(DESTINATION_TYPES[ref.type], destination));
  }
}
