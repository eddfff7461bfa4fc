export * from './azure-kv.constants';
export * from './azure-kv.schemas';
