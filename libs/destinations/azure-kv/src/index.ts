export * from './azure-kv.constants';
export * from './azure-kv.schemas';
export * from './adapter';
