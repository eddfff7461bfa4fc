export * from './destination-types';
