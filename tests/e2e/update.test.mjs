// A new build is deployed while the officer works: "Có phiên bản mới" appears, nothing
// switches until they accept, then the page reloads on the new build with their data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login } from "./browser.mjs";

test("update prompt on a new build: switch only when accepted, data kept", async () => {
  // A copy of the build, so that the test can deploy a new one over it.
  const site = mkdtempSync(join(tmpdir(), "vstbpn-site-"));
  cpSync(process.env.STATIC_DIR, site, { recursive: true });
  await withApp(async ({ base, browser }) => {
    const page = await (await phone(browser)).newPage();
    await page.goto(base);
    await login(page, "canbo.myly", "MyLy@2022");
    await page.getByRole("link", { name: /hoạt động.*6 tháng đầu năm 2022/ }).click();
    await page.fill("#field-events_by_committee", "7");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const oldBuild = readFileSync(join(site, "sw.js"), "utf8").match(/const BUILD ?= ?"([^"]+)"/)[1];

    // Deploy a new build: a new service worker with a new build id.
    const sw = readFileSync(join(site, "sw.js"), "utf8").replaceAll(oldBuild, "e2e0000000000002");
    writeFileSync(join(site, "sw.js"), sw);
    rmSync(join(site, "sw.js.br"));
    rmSync(join(site, "sw.js.gz"));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await page.getByTestId("update").getByText("Có phiên bản mới").waitFor();
    // Nothing switched yet: the old build's cache is still there beside the new one.
    const keys = await page.evaluate(() => caches.keys());
    assert.ok(keys.includes(`vstbpn-${oldBuild}`), keys.join());
    assert.ok(keys.includes("vstbpn-e2e0000000000002"), keys.join());
    await page.screenshot({ path: join(ARTIFACTS, "update-360.png") });

    await Promise.all([
      page.waitForEvent("load"),
      page.getByRole("button", { name: "Cập nhật ngay" }).click(),
    ]);
    await page.locator("#field-events_by_committee").waitFor();
    assert.equal(await page.inputValue("#field-events_by_committee"), "7");
    await page.waitForFunction(async () => (await caches.keys()).join() === "vstbpn-e2e0000000000002");
    assert.equal(await page.getByTestId("update").count(), 0);
  }, { staticDir: site });
});
