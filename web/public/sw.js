/*
 * The officials' page offline. Once the page has been opened it opens again without a connection:
 * - the page's hashed files (/assets/…) are kept as first fetched: their names change with their content;
 * - the page itself (/) is asked for first, and the copy kept is used when there is no connection;
 * - what the service answered to reads (dashboards, lists, the person's own /me) is kept per person
 *   (the token's subject) and given back when there is no connection; the page marks it with its time.
 * Writes never pass through here: records made offline wait in the page's own queue (IndexedDB).
 */
const PAGE = 'cam-page-v1';
const API = 'cam-reads-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(PAGE)
      .then((c) => c.add('/'))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== PAGE && n !== API).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** Signing out forgets what this browser kept of the person's reads. */
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'signed-out') event.waitUntil(caches.delete(API));
});

/** Whose read this is: the token's subject (not checked here; the service checks the token). */
function who(request) {
  const auth = request.headers.get('authorization');
  if (!auth) return 'anonymous';
  try {
    const part = auth.split(' ')[1].split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part)).sub || 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/** A read's key in the cache: its address without the read-your-writes position, and whose it is. */
function readKey(request) {
  const url = new URL(request.url);
  url.searchParams.delete('minPosition');
  url.searchParams.set('__who', who(request));
  return url.href;
}

async function networkFirst(request, cacheName, key) {
  try {
    const answer = await fetch(request);
    const type = answer.headers.get('content-type') || '';
    if (answer.ok && (cacheName === PAGE || type.includes('json'))) {
      const copy = answer.clone();
      void caches.open(cacheName).then((c) => c.put(key, copy));
    }
    return answer;
  } catch (error) {
    const kept = await caches.match(key, { cacheName });
    if (!kept) throw error;
    // Marked, so that the page says the figures are the ones kept, not the service's of now.
    const headers = new Headers(kept.headers);
    headers.set('x-cam-kept', '1');
    return new Response(kept.body, { status: kept.status, statusText: kept.statusText, headers });
  }
}

async function cacheFirst(request) {
  const kept = await caches.match(request, { cacheName: PAGE });
  if (kept) return kept;
  const answer = await fetch(request);
  if (answer.ok) {
    const copy = answer.clone();
    void caches.open(PAGE).then((c) => c.put(request, copy));
  }
  return answer;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request));
  if (request.mode === 'navigate' || url.pathname === '/') return event.respondWith(networkFirst(request, PAGE, '/'));
  // Live feeds, health, metrics and the API document are never kept.
  if (/^\/(health|metrics|docs|audit\/feed)|\/feed$/.test(url.pathname)) return;
  if ((request.headers.get('accept') || '').includes('text/event-stream')) return;
  event.respondWith(networkFirst(request, API, readKey(request)));
});
