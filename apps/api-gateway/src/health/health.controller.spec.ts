import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createLogger } from '@vault-sync/logging';
import { VaultErrorFilter } from '../http/vault-error.filter';
import { HealthModule } from './health.module';

async function gatewayWith(redisReachable: () => Promise<boolean>): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [HealthModule.forRoot({ redisReachable })] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new VaultErrorFilter(createLogger({ service: 'test', level: 'silent' }), 1024));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('GET /v1/sys/health', () => {
  it('answers 200 in Vault health shape when Redis answers', async () => {
    const app = await gatewayWith(async () => true);
    const response = await app.inject({ method: 'GET', url: '/v1/sys/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ initialized: true, sealed: false, standby: false, redis: 'ok' });
    expect(typeof response.json().server_time_utc).toBe('number');
    await app.close();
  });

  it('answers 503 when Redis does not', async () => {
    const app = await gatewayWith(async () => false);
    const response = await app.inject({ method: 'GET', url: '/v1/sys/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ redis: 'unreachable' });
    await app.close();
  });

  it('answers unknown routes with Vault\'s empty error list', async () => {
    const app = await gatewayWith(async () => true);
    const response = await app.inject({ method: 'GET', url: '/v1/sys/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ errors: [] });
    await app.close();
  });
});
