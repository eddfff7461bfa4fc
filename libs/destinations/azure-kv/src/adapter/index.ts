export * from './azure-kv-adapter';
export * from './azure-kv-adapter-factory';
export * from './azure-kv-clients';
export * from './azure-kv-errors';
export * from './azure-kv-rate-limit';
export * from './azure-kv-secret';
export * from './azure-kv-settings';
export * from './azure-kv-tags';
