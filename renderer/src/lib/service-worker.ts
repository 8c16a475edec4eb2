/**
 * The served app registers its service worker (installable, an offline page); the desktop app
 * (app://, the preload's bridge) and the development server do not need one.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || window.mindframe || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // the app works without it (browsers allow it only on https or this computer): only the
      // offline page and installing are lost
    });
  });
}
