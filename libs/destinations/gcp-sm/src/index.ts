export * from './gcp-sm.constants';
export * from './gcp-sm.schemas';
export * from './adapter';
