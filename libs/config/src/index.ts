export * from './config';
export * from './process-config';
export { INGEST_FEEDS } from './env.schema';
export type { IngestFeed } from './env.schema';
