export * from './redis/test-redis';
export * from './redis/redis-monitor';
