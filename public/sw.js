// The tutor pages, offline. A tutor's pages (/tutor and below) are fetched from the
// network first and kept as they arrive; with no connection the kept copy is shown.
// The app's scripts and styles (/_next/static, named by their content) are kept on
// first use. Nothing else is touched. The page asks to keep today's pages ahead of
// time ("precache") and to forget them all when someone signs out ("clear").
const PAGES = 'tutor-pages-v1';
const ASSETS = 'app-assets-v1';
const TUTOR = /^\/tutor(\/|$)/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([PAGES, ASSETS]);
      for (const name of await caches.keys()) if (!keep.has(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** A page worth keeping: the page itself, not a sign-in redirect or an error. */
function keepable(request, response) {
  return response.ok && !response.redirected && response.type === 'basic' && new URL(response.url).pathname === new URL(request.url).pathname;
}

function pageKey(url) {
  const u = new URL(url);
  u.hash = '';
  return u.origin + u.pathname + u.search;
}

async function pageFromNetwork(request) {
  try {
    const response = await fetch(request);
    if (keepable(request, response)) {
      const cache = await caches.open(PAGES);
      await cache.put(pageKey(request.url), response.clone());
    }
    return response;
  } catch (error) {
    const kept = await caches.match(pageKey(request.url), { cacheName: PAGES });
    if (kept) return kept;
    return offlinePage();
  }
}

function offlinePage() {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #0f172a">
<h1>You are offline</h1>
<p>This page was not saved on this tablet. Pages you have opened before, and today's sessions once you have opened Today, work without a connection.</p>
<p><a href="/tutor" style="display: inline-block; min-height: 44px; padding: 10px 16px; border-radius: 8px; background: #1d4ed8; color: #fff; text-decoration: none; font-weight: 600">Go to Today</a></p>
</body></html>`;
  return new Response(body, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(asset(request));
  } else if (request.mode === 'navigate' && TUTOR.test(url.pathname)) {
    event.respondWith(pageFromNetwork(request));
  }
});

async function precache(urls) {
  const cache = await caches.open(PAGES);
  for (const path of urls) {
    const url = new URL(path, self.location.origin);
    if (url.origin !== self.location.origin || !TUTOR.test(url.pathname)) continue;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (keepable({ url: url.href }, response)) {
        await cache.put(pageKey(url.href), response.clone());
        await keepScripts(await response.text());
      }
    } catch {
      return; // offline again: the rest waits for the next visit
    }
  }
}

/** The scripts and styles a kept page loads, so it also works when opened first offline. */
async function keepScripts(html) {
  const cache = await caches.open(ASSETS);
  const paths = new Set(Array.from(html.matchAll(/\/_next\/static\/[^"'\s)\\]+/g), (m) => m[0]));
  for (const path of paths) {
    if (await cache.match(path)) continue;
    try {
      const response = await fetch(path);
      if (response.ok) await cache.put(path, response);
    } catch {
      return;
    }
  }
}

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'precache' && Array.isArray(message.urls)) event.waitUntil(precache(message.urls));
  if (message.type === 'clear') event.waitUntil(caches.delete(PAGES));
});
