// Starts the app and its service worker. A file of its own (not inline in index.html) so the
// server's Content-Security-Policy can forbid inline scripts. The build fills in the hashed
// names.
//
// Two builds (frontend/src/builds.rs): the field build, which the service worker
// precaches, and the reviewer's, which the app asks for (localStorage "vstbpn.build")
// once a reviewer signs in. If the reviewer's build cannot be loaded (offline before it
// was ever fetched), the field build starts instead, so the page is never blank.
const FIELD = ["/{{APP_JS}}", "/{{APP_WASM}}"];
const REVIEW = ["/{{REVIEW_JS}}", "/{{REVIEW_WASM}}"];
const start = async ([js, wasm]) => (await import(js)).default({ module_or_path: wasm });
let wanted = null;
try { wanted = localStorage.getItem("vstbpn.build"); } catch (e) { /* storage blocked */ }
(wanted === "review" ? start(REVIEW) : Promise.reject()).catch(() => start(FIELD));
// The service worker: a new build waits until the officer accepts it. The app hears
// "vstbpn-update-ready" and, once nothing is being written, calls vstbpnApplyUpdate().
if ("serviceWorker" in navigator) {
  const announce = () => window.dispatchEvent(new Event("vstbpn-update-ready"));
  const watch = (worker) => worker.addEventListener("statechange", () => {
    if (worker.state === "installed" && navigator.serviceWorker.controller) announce();
  });
  navigator.serviceWorker.register("/sw.js").then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) announce();
    registration.addEventListener("updatefound", () => watch(registration.installing));
    setInterval(() => registration.update().catch(() => {}), 30 * 60 * 1000);
    window.vstbpnApplyUpdate = () => {
      if (!registration.waiting) return false;
      navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
      registration.waiting.postMessage({ type: "SKIP_WAITING" });
      return true;
    };
  }).catch((e) => console.warn("service worker", e));
}
