export * from './control';
export { controlOverPolicy, controlRouter } from './control-routes';
export * from './control-server';
export * from './http-emulator';
export * from './http-io';
export * from './router';
export * from './traffic-policy';
export * from './clock';
