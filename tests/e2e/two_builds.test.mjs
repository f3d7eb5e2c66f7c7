// Two builds of the app (frontend/src/builds.rs): an officer's phone downloads only the
// field build; a reviewer who signs in is switched to the reviewer's build, which is then
// kept for offline use; and where the reviewer's build cannot be fetched, the field build
// starts instead of a blank page, without reloading in a loop.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { phone, login } from "./browser.mjs";

// Every URL this origin's caches hold, and every resource the page fetched.
const seen = (page) => page.evaluate(async () => {
  const cached = [];
  for (const key of await caches.keys()) {
    for (const r of await (await caches.open(key)).keys()) cached.push(new URL(r.url).pathname);
  }
  const fetched = performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname);
  return { cached, fetched };
});

test("an officer never fetches the reviewer's build; a reviewer gets it and keeps it offline", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    const officer = await (await phone(browser)).newPage();
    await officer.goto(base);
    await login(officer, "canbo.myly", "MyLy@2022");
    await officer.getByRole("heading", { name: "Xã Mỹ Lý" }).waitFor();
    await officer.evaluate(() => navigator.serviceWorker.ready);
    await officer.waitForFunction(async () => (await caches.keys()).length > 0);
    const mine = await seen(officer);
    assert.ok(mine.cached.some((p) => p.startsWith("/app_bg-")), mine.cached.join());
    assert.deepEqual([...mine.cached, ...mine.fetched].filter((p) => p.startsWith("/review")), []);
    // Nor the tasks' texts: a commune files no self-inspection.
    assert.ok(!mine.fetched.includes("/api/plan/task-texts"), mine.fetched.join());
    assert.equal(await officer.evaluate(() => localStorage.getItem("vstbpn.build")), "field");

    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" })).newPage();
    await desk.goto(base);
    await login(desk, "thamdinh.ldtbxh", "LDTBXH@2022");
    // The reviewer's pages exist only in the reviewer's build.
    await desk.getByRole("link", { name: "Tình hình nộp báo cáo" }).waitFor();
    assert.equal(await desk.evaluate(() => localStorage.getItem("vstbpn.build")), "review");
    await desk.evaluate(() => navigator.serviceWorker.ready);
    for (const deadline = Date.now() + 15000; ;) {
      const { cached } = await seen(desk);
      if (cached.some((p) => p.startsWith("/review_bg-")) && cached.some((p) => p.startsWith("/review-"))) break;
      assert.ok(Date.now() < deadline, `the reviewer's build was not cached: ${cached.join()}`);
      await desk.waitForTimeout(100);
    }

    // With the server gone, the reviewer's build still starts from the cache.
    await stopServer();
    await desk.reload();
    await desk.getByRole("link", { name: "Tình hình nộp báo cáo" }).waitFor();
    assert.equal(await desk.getByTestId("reviewer-build-missing").count(), 0);
  }));

test("the reviewer's build unreachable: the field build starts, says so, and does not loop", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    // No service worker here, so that the route below sees every request.
    const context = await browser.newContext({ serviceWorkers: "block", locale: "vi-VN" });
    await context.route(/\/review(_bg)?-[0-9a-f]{16}\./, (route) => route.abort("internetdisconnected"));
    const page = await context.newPage();
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(base);
    await login(page, "canbo.kyson", "KySon@2022");
    await page.getByTestId("reviewer-build-missing").waitFor({ timeout: 15000 });
    // The district officer still files the district's own reports on the field build.
    await page.getByRole("heading", { name: "Huyện Kỳ Sơn" }).waitFor();
    await page.waitForTimeout(1500);
    assert.equal(loads, 2, "one load, one switch, no loop");
    assert.equal(await page.getByRole("link", { name: "Tình hình nộp báo cáo" }).count(), 0);
  }));
