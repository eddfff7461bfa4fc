import { TestRedis, createTestRedis } from '@vault-sync/testing';
import { DEFAULT_GLOBAL_SYNC_CONFIG, GlobalConfigRepository } from './global-config.repository';

describe('GlobalConfigRepository', () => {
  let redis: TestRedis;
  let repository: GlobalConfigRepository;

  beforeAll(async () => {
    redis = await createTestRedis();
    repository = new GlobalConfigRepository({ redis: redis.redis, prefix: redis.prefix });
  });

  afterAll(() => redis.cleanup());

  it("reads Vault's defaults before anything is stored", async () => {
    expect(await repository.get()).toEqual({ disabled: false, queueCapacity: 1_000_000 });
    expect(DEFAULT_GLOBAL_SYNC_CONFIG.queueCapacity).toBe(1_000_000);
  });

  it('changes only the fields given and returns the resulting config', async () => {
    expect(await repository.update({ disabled: true })).toEqual({ disabled: true, queueCapacity: 1_000_000 });
    expect(await repository.update({ queueCapacity: 500 })).toEqual({ disabled: true, queueCapacity: 500 });
    expect(await repository.update({})).toEqual({ disabled: true, queueCapacity: 500 });
    expect(await repository.get()).toEqual({ disabled: true, queueCapacity: 500 });
  });

  it('resets to the defaults', async () => {
    expect(await repository.reset()).toEqual(DEFAULT_GLOBAL_SYNC_CONFIG);
    expect(await repository.get()).toEqual(DEFAULT_GLOBAL_SYNC_CONFIG);
  });
});
