export * from './gcp-sm-adapter';
export * from './gcp-sm-adapter-factory';
export * from './gcp-sm-client';
export * from './gcp-sm-errors';
export * from './gcp-sm-metadata';
export * from './gcp-sm-rate-limit';
export * from './gcp-sm-secret';
export * from './gcp-sm-settings';
