export * from './control';
export * from './http-emulator';
export * from './router';
export * from './traffic-policy';
