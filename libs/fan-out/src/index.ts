export * from './change-fan-out';
export * from './mount-change-scope';
export * from './request-claims';
export * from './secret-change-notice';
