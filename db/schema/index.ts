export * from './tenants';
export * from './users';
export * from './sessions';
export * from './audit';
export * from './settings';
export * from './agents';
export * from './guardian';
