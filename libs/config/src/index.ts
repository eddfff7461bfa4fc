export * from './config';
export * from './process-config';
