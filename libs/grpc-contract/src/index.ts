export * from './grpc-error-status';
export * from './messages';
export * from './proto-location';
export * from './request-schemas';
export * from './struct';
