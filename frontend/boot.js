// Starts the app and its service worker. A file of its own (not inline in index.html) so the
// server's Content-Security-Policy can forbid inline scripts. The build fills in the hashed
// names.
import init from "/{{APP_JS}}";
init({ module_or_path: "/{{APP_WASM}}" });
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
