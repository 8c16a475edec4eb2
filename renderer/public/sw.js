// The served app's service worker: makes it installable and says so when the server cannot be
// reached. It never caches the API (answers are per session and change all the time).
const cacheName = 'mindframe-shell-v1';
const offlinePage = '/offline.html';
const shell = [offlinePage, '/offline.css', '/favicon.svg', '/manifest.webmanifest', '/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) => cache.addAll(shell))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name !== cacheName).map((name) => caches.delete(name))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/'))
    return;
  if (request.mode === 'navigate') {
    // the page from the server when it answers; the offline page when it does not
    event.respondWith(fetch(request).catch(() => caches.match(offlinePage)));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // hashed files never change under their name: once fetched, kept
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(cacheName).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (shell.includes(url.pathname))
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
});
