import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// React.lazy's own constraint: a component with any props
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = ComponentType<any>;

/**
 * React.lazy for a named export: `lazyNamed(() => import('./features/x/XPage'), 'XPage')`. The module
 * becomes its own chunk, fetched the first time the component renders (inside a Suspense).
 */
export function lazyNamed<K extends string, C extends AnyComponent>(
  load: () => Promise<{ [key in K]: C }>,
  name: K,
): LazyExoticComponent<C> {
  return lazy(async () => ({ default: (await load())[name] }));
}
