export * from './contracts';
export * from './invalid-job-payload.error';
export * from './job-logger';
export * from './job-options';
export * from './queue-prefix';
export * from './sync-job-producer';
export * from './sync-worker';
