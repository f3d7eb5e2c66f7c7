// The reviewer's desk goes through every one of its pages, twice, by its own links, and
// through its level's own reports and a commune's: not one error may reach the console
// (a panic in the wasm shows there as "unreachable"); on a 360 px phone no page of a
// district officer is wider than the screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { login } from "./browser.mjs";

const PAGES = ["Báo cáo đã nhận", "Tình hình nộp báo cáo", "Tổng hợp chỉ tiêu", "Tiến độ nhiệm vụ", "Báo cáo của tỉnh"];

test("every reviewer page opens and is left with no error in the console", () =>
  withApp(async ({ base, browser }) => {
    for (const [username, password] of [["thamdinh.ldtbxh", "LDTBXH@2022"], ["canbo.kyson", "KySon@2022"]]) {
      const desk = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN" })).newPage();
      const errors = [];
      desk.on("pageerror", (e) => errors.push(`${username}: ${e.message}`));
      desk.on("console", (m) => { if (m.type() === "error") errors.push(`${username}: ${m.text()}`); });
      await desk.goto(base);
      await login(desk, username, password);
      // A district officer's home is its own reports, with a link to its communes'.
      const communes = desk.getByRole("link", { name: "Báo cáo các xã đã gửi" });
      await communes.or(desk.getByRole("link", { name: "Tình hình nộp báo cáo" })).first().waitFor({ timeout: 30000 });
      if (await communes.count()) await communes.click();
      await desk.getByRole("link", { name: "Tình hình nộp báo cáo" }).waitFor({ timeout: 30000 });
      const pages = username.startsWith("thamdinh") ? PAGES : PAGES.map((p) => p.replace("của tỉnh", "của huyện"));
      let visited = 0;
      // Once at a reader's pace, once leaving each page before its data arrives.
      for (const pause of [700, 0]) {
        for (const name of pages) {
          const link = desk.locator("nav.review-nav").getByRole("link", { name });
          if (await link.count() === 0) continue;
          await link.click();
          await desk.locator("nav.review-nav span.here", { hasText: name }).or(desk.locator("li.report").first()).first().waitFor({ timeout: 30000 });
          await desk.waitForTimeout(pause);
          visited += 1;
          // Back to a page with the reviewer's links.
          if (await desk.locator("nav.review-nav").count() === 0) await desk.goBack();
        }
      }
      // The level's own reports, which show what its units answered, then a commune's.
      const own = username.startsWith("thamdinh") ? 40 : 417;
      for (const doc of [`activity:${own}:2022`, `programme:${own}:2022`, "activity:16816:2022-H1", `activity:${own}:2022`, "programme:16816:2022"]) {
        await desk.goto(`${base}/#/bao-cao/${doc}`);
        await desk.locator("[data-row], .outline-section").first().waitFor({ timeout: 30000 });
        await desk.waitForTimeout(300);
      }
      // Back and forth through the browser's history too.
      for (let i = 0; i < 4; i++) await desk.goBack();
      for (let i = 0; i < 4; i++) await desk.goForward();
      await desk.waitForTimeout(1000);
      assert.ok(visited >= 8, `${username}: ${visited} pages visited`);
      assert.deepEqual(errors, []);
    }

    // District officers review on phones too: no page is wider than a 360 px screen.
    const phoneDesk = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "vi-VN" })).newPage();
    await phoneDesk.goto(base);
    await login(phoneDesk, "canbo.kyson", "KySon@2022");
    await phoneDesk.getByRole("link", { name: "Báo cáo các xã đã gửi" }).waitFor({ timeout: 30000 });
    const wide = [];
    for (const hash of ["#/da-nhan", "#/tong-hop", "#/chi-tieu", "#/tien-do", "#/bao-cao/programme:16816:2022"]) {
      await phoneDesk.goto(`${base}/${hash}`);
      await phoneDesk.locator("main h1, main h2").first().waitFor({ timeout: 30000 });
      await phoneDesk.waitForTimeout(1500);
      const width = await phoneDesk.evaluate(() => document.documentElement.scrollWidth);
      if (width > 361) wide.push(`${hash}: ${width} px`);
    }
    assert.deepEqual(wide, []);
  }));
