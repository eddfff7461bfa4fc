export * from './aws-sm-adapter';
export * from './aws-sm-adapter-factory';
export * from './aws-sm-errors';
export * from './aws-sm-rate-limit';
export * from './aws-sm-secret';
export * from './aws-sm-settings';
export * from './aws-sm-tags';
