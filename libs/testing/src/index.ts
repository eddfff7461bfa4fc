export * from './redis/test-redis';
export * from './redis/redis-monitor';
export * from './errors/vault-sync-failure-of';
