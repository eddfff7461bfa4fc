export * from './request-stream-rewriter';
