// certscope's service worker: makes the installed app work with the network
// off. It precaches the app's own files (the list and VERSION are written
// into this file at build time by scripts/precache-sw.mjs, so every build
// with different bytes gets a new cache and the old one is deleted), serves
// same-origin GETs from that cache first, and never touches cross-origin
// requests (the page's CSP allows none anyway). It never caches anything
// else: no certificate, no pasted text ever reaches it, they stay in the page.
const VERSION = 'dev';
const ASSETS = [];

// Scoped by the registration, so two copies of certscope on one origin
// (say /certscope/ and /beta/) keep their own caches.
const PREFIX = `certscope ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // 'no-cache': revalidate with the server, so a new build never
      // precaches an old file from the HTTP cache, while a file the page has
      // just loaded costs a 304, not a second download.
      .then((cache) => cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'no-cache' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // ignoreSearch: embed.html?compact&origin=… is the cached embed.html.
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request)),
  );
});
