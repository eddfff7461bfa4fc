export * from './gh-adapter';
export * from './gh-adapter-factory';
export * from './gh-errors';
export * from './gh-rate-limit';
export * from './gh-settings';
