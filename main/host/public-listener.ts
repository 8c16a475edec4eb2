/**
 * The public listener (the channels' public door on a port of its own) as the desktop app reaches
 * it: main/electron may import this file of main/host and no other (scripts/eslint/boundaries.mjs).
 */
export { startPublicHost, type PublicHostOptions, type RunningHost } from './server';
