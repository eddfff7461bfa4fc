import { createServer } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, NestPinoLogger } from '@vault-sync/logging';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerFactoryHandler } from 'fastify';
import { AppModule, GatewayDependencies } from './app.module';
import { acceptListVerb } from './http/list-verb/list-verb-connection';
import { DEFAULT_BODY_LIMIT_BYTES, installVaultBodyParser } from './http/request-body';
import { frameworkErrorResponse } from './http/vault-error-response';
import { VaultErrorFilter } from './http/vault-error.filter';

export interface GatewayOptions {
  logger: Logger;
  bodyLimitBytes?: number;
}

/** A route as Fastify registered it, e.g. `GET /v1/sys/sync/destinations/:type/:name`. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface GatewayApp {
  app: NestFastifyApplication;
  /** Every route the app serves (HEAD routes Fastify adds for GET left out). */
  routes: readonly RegisteredRoute[];
}

/**
 * The HTTP gateway, initialised and ready to listen: one home for its HTTP behaviour, used by `main.ts` and by
 * every test. Vault conventions (spec §2): the `LIST` verb is accepted on the connection, trailing slashes are
 * ignored, bodies are JSON (PATCH a merge patch) up to the body limit, and every error is Vault-shaped.
 */
export async function createGatewayApp(dependencies: GatewayDependencies, options: GatewayOptions): Promise<GatewayApp> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const adapter = new FastifyAdapter({
    bodyLimit,
    serverFactory: (handler: FastifyServerFactoryHandler) => acceptListVerb(createServer(handler)),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const { status, body } = frameworkErrorResponse(error);
      void reply.status(status).send(body);
    },
  });
  const fastify = adapter.getInstance();
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  installVaultBodyParser(fastify, bodyLimit);

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(dependencies), adapter, {
    logger: new NestPinoLogger(options.logger),
    bodyParser: false,
  });
  // Nest routes Fastify's own errors (body limit, body parsing) through the global filters too.
  app.useGlobalFilters(new VaultErrorFilter(options.logger, bodyLimit));
  app.enableShutdownHooks();
  await app.init();
  await fastify.ready();
  return { app, routes };
}
