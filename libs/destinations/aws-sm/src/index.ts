export * from './aws-sm.constants';
export * from './aws-sm.schemas';
export * from './adapter';
