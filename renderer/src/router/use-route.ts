import { useSyncExternalStore } from 'react';
import { parseHash, type Route } from './routes';

/** Asked before the hash changes; answering false keeps the current page (e.g. unsaved changes). */
export type NavigationGuard = (nextHash: string) => boolean;

const listeners = new Set<() => void>();
let guard: NavigationGuard | null = null;
let accepted = typeof window === 'undefined' ? '' : window.location.hash;

function onHashChange(): void {
  const next = window.location.hash;
  if (next === accepted) return;
  if (guard && !guard(next)) {
    // put the address back without a new history entry; the page stays as it is
    const url = new URL(window.location.href);
    url.hash = accepted;
    history.replaceState(history.state, '', url);
    return;
  }
  accepted = next;
  for (const listener of [...listeners]) listener();
}

if (typeof window !== 'undefined') window.addEventListener('hashchange', onHashChange);

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

const currentHash = () => accepted;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return parseHash(hash);
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

/** Navigates even if a guard would ask first (after the user confirmed leaving). */
export function navigateUnguarded(href: string): void {
  const previous = guard;
  guard = null;
  try {
    navigate(href);
    onHashChange();
  } finally {
    guard = previous;
  }
}

/** Installs a guard for as long as the returned function is not called. */
export function setNavigationGuard(next: NavigationGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = null;
  };
}
