import type { Services } from './services';

/**
 * A core's services, for the core's own wiring (process handlers) and for tests: hosts see the
 * narrow Core door and never this. Production code outside main/core cannot import this file (lint).
 */
const registry = new WeakMap<object, Services>();

export function registerInternals(core: object, services: Services): void {
  registry.set(core, services);
}

export function servicesOf(core: object): Services {
  const services = registry.get(core);
  if (!services) throw new Error('not a core made by createCore');
  return services;
}
