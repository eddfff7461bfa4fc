import { Controller, Get } from '@nestjs/common';
import { Unauthenticated } from '../auth/access-metadata';
import { buildOpenApiDocument } from './openapi-document';

const API_VERSION = '0.1.0';

/** The API's description; unauthenticated, as it holds no data (a client needs it before it has a token). */
@Controller('v1/sys/sync/openapi.json')
export class OpenApiController {
  private readonly document = buildOpenApiDocument(API_VERSION);

  @Get()
  @Unauthenticated()
  read(): Record<string, unknown> {
    return this.document;
  }
}
