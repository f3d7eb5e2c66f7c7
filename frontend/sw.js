// Service worker of the PWA. The build replaces the build id and the precache list with
// the content-hashed files it produced, so each build has its own cache.
//
// - The app shell (index.html and every hashed asset) is cached at install: the app
//   opens with no network.
// - Pages: network first (a new build is seen at once), the cached shell when offline.
// - Hashed assets: cache first; they never change under the same name.
// - /api is never touched: sync has its own retry and must never see a cached answer.
// - The reviewer's build (REVIEW) is not precached for everyone: an officer's phone never
//   downloads it. It is cached the first time a reviewer loads it, and a new build's
//   worker precaches it where the old cache held it, so a reviewer's update never lands
//   on a build that is missing half its files.
// - A new build installs beside the old one and takes over only when the page asks.
const BUILD = "__BUILD_ID__";
const PRECACHE = __PRECACHE__;
const REVIEW = __REVIEW__;
const CACHE = "vstbpn-" + BUILD;

// Whether an older build's cache holds that build's reviewer files.
async function usedReviewBuild() {
  for (const key of await caches.keys()) {
    if (!key.startsWith("vstbpn-") || key === CACHE) continue;
    const requests = await (await caches.open(key)).keys();
    if (requests.some((r) => new URL(r.url).pathname.startsWith("/review"))) return true;
  }
  return false;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(["/", ...PRECACHE]);
    if (await usedReviewBuild()) await cache.addAll(REVIEW);
  })());
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
    caches.match(event.request, { cacheName: CACHE }).then((hit) => {
      if (hit) return hit;
      if (!REVIEW.includes(url.pathname)) return fetch(event.request);
      return fetch(event.request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      });
    })
  );
});
