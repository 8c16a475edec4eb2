export * from './open';
export * from './migrate';
export * from './scoped';
export * from './ids';
export * as schema from './schema';
