export * from './leader/leader-lock';
export * from './leader/leader-election';
export * from './reconcile/secret-state';
export * from './reconcile/reconcile-decision';
export * from './reconcile/association-run-queue';
export * from './reconcile/reconcile-pass';
export * from './metadata-reconciler';
export * from './reconciler-logger';
