export * from './gh.constants';
export * from './gh.schemas';
export * from './adapter';
