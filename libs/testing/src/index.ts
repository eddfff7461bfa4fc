export * from './redis/test-redis';
