export * from './association-views';
export * from './association.service';
export * from './destination.service';
export * from './mount-resolver';
export * from './purge.service';
export * from './queue-capacity.guard';
export * from './queue-full.error';
export * from './sync-config.service';
