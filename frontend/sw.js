// Service worker of the PWA. The build replaces the build id and the precache list with
// the content-hashed files it produced, so each build has its own cache.
//
// - The app shell (index.html and every hashed asset) is cached at install: the app
//   opens with no network.
// - Pages: network first (a new build is seen at once), the cached shell when offline.
// - Hashed assets: cache first; they never change under the same name.
// - /api is never touched: sync has its own retry and must never see a cached answer.
// - A new build installs beside the old one and takes over only when the page asks.
const BUILD = "__BUILD_ID__";
const PRECACHE = __PRECACHE__;
const CACHE = "vstbpn-" + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(["/", ...PRECACHE])));
});

// A new build waits for the page to say the officer accepted it (and nothing is mid-write).
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("vstbpn-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (event.request.mode === "navigate") {
    event.respondWith(
      withTimeout(fetch(event.request), 4000)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put("/", copy));
          }
          return response;
        })
        .catch(() => caches.match("/", { cacheName: CACHE }))
    );
    return;
  }
  event.respondWith(
    caches.match(event.request, { cacheName: CACHE }).then((hit) => hit || fetch(event.request))
  );
});
