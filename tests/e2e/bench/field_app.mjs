// Benchmark of the field app's bars, printing figures; not a pass/fail test.
//   - repeat visit offline: bytes fetched from the network, and time from navigation to a
//     usable report editor with Chromium's CPU throttled 4×;
//   - time from a keystroke to the edit being in IndexedDB.
// Run: cargo xtask bench (builds the PWA and the server first).
import { freePort, freshDataDir, startServer, killServer } from "../server.mjs";
import { launch, phone, login } from "../browser.mjs";

const RUNS = 5;
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = await startServer(port, freshDataDir());
const browser = await launch();
const context = await phone(browser);
// Records when the editor's first input is usable (present and filled from IndexedDB).
await context.addInitScript(() => {
  const check = () => {
    const input = document.querySelector("#field-events_by_committee");
    if (input && input.value !== "" && !window.__usableAt) window.__usableAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  setInterval(check, 5);
});
const page = await context.newPage();
await page.goto(base);
await login(page, "canbo.myly", "MyLy@2022");
await page.getByRole("link", { name: /hoạt động.*6 tháng đầu năm 2022/ }).click();
await page.fill("#field-events_by_committee", "3");
await page.evaluate(() => navigator.serviceWorker.ready);

// Keystroke → IndexedDB: the page notes the input event's time; then the stored
// document is polled until its bytes change.
await page.evaluate(() => {
  document.addEventListener("input", () => (window.__inputAt = performance.now()), true);
  window.__readDoc = () => new Promise((resolve) => {
    const open = indexedDB.open("vstbpn-user-1");
    open.onsuccess = () => {
      const get = open.result.transaction("docs", "readonly").objectStore("docs").get("activity:16816:2022-H1");
      get.onsuccess = () => { resolve(get.result ? Array.from(get.result).join(",") : ""); open.result.close(); };
    };
  });
});
const idb = [];
for (let i = 0; i < RUNS; i++) {
  await page.waitForTimeout(300);
  await page.evaluate(async () => (window.__before = await window.__readDoc()));
  await page.fill("#field-events_by_committee", String(10 + i));
  idb.push(await page.evaluate(async () => {
    for (;;) {
      if ((await window.__readDoc()) !== window.__before) return performance.now() - window.__inputAt;
      if (performance.now() - window.__inputAt > 5000) return -1;
      await new Promise((r) => setTimeout(r, 1));
    }
  }));
}

await killServer(server);
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
const opens = [];
const bytes = [];
for (let i = 0; i < RUNS; i++) {
  await page.reload();
  await page.waitForFunction(() => window.__usableAt !== undefined, null, { timeout: 20000 });
  opens.push(await page.evaluate(() => window.__usableAt));
  bytes.push(await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation").map((e) => e.transferSize);
    const res = performance.getEntriesByType("resource").map((e) => e.transferSize);
    return [...nav, ...res].reduce((a, b) => a + b, 0);
  }));
}
await browser.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`repeat visit offline, bytes from the network per load: ${bytes.join(", ")}`);
console.log(`repeat visit offline, navigation → usable editor, CPU 4× slower (ms): ${opens.map((x) => x.toFixed(0)).join(", ")}; median ${median(opens).toFixed(0)}`);
console.log(`keystroke → in IndexedDB, measured from the page after the input event (ms): ${idb.map((x) => x.toFixed(1)).join(", ")}; median ${median(idb).toFixed(1)}`);
