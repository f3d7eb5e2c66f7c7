// A commune officer's day on a 360 × 740 phone with no signal: what waits to be sent is
// counted as the officer counts it, a report opens at its top, going back lands the list
// where it was left, and a figure that cannot be saved says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { login } from "./browser.mjs";

test("with no signal, a sentence and two numbers wait as 3 fields; pages open at their top and the list comes back where it was", () =>
  withApp(async ({ base, browser, stopServer }) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true, locale: "vi-VN" });
    const page = await context.newPage();
    await page.goto(base);
    await login(page, "canbo.myly", "MyLy@2022");
    const report = page.locator("li.report", { hasText: "6 tháng đầu năm 2022" });
    await report.getByText("Chưa bắt đầu").waitFor({ timeout: 30000 });
    await page.getByTestId("last-sync").getByText("Đồng bộ lần cuối").waitFor({ timeout: 20000 });
    await stopServer();

    // Typed key by key, as a thumb does: dozens of changes, three fields.
    await report.getByRole("link").click();
    await page.locator("#field-assessment").pressSequentially("Tổ chức 3 buổi tuyên truyền tại bản");
    await page.locator("#field-events_by_committee").pressSequentially("3");
    await page.locator("#field-participants_female").pressSequentially("120");
    await page.getByTestId("pending").getByText("3 mục chưa gửi").waitFor({ timeout: 10000 });

    // The sections are one tap away, each saying where it stands.
    const contents = page.getByTestId("contents");
    await contents.locator("summary").click();
    const states = await contents.locator("li").evaluateAll((items) => items.map((li) => li.dataset.state));
    assert.equal(states.length, 15, states.join());
    assert.ok(["heading", "empty", "errors"].every((s) => states.includes(s)), states.join());
    await contents.getByRole("button", { name: /^IV\. / }).click();
    await page.waitForFunction(() => {
      const top = document.getElementById("muc-IV")?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < 100;
    });
    // An error in the submit box takes the officer to its field, focused.
    const firstError = page.getByTestId("submit").locator(".issues.errors button").first();
    await firstError.click();
    const focused = await page.evaluate(() => document.activeElement?.id ?? "");
    assert.match(focused, /^field-/, `focused «${focused}»`);
    const box = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return [r.top, r.bottom, window.innerHeight, document.activeElement.id];
    });
    assert.ok(box[0] >= 40 && box[0] < box[2], `the field is on screen below its label: ${box}`);

    // The long form was scrolled; the list opens at its top, and a report opened from a
    // scrolled list opens at its own top.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.ok(await page.evaluate(() => window.scrollY) > 1000, "the activity form is long");
    await page.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    await report.waitFor();
    await page.waitForFunction(() => window.scrollY === 0);
    await report.locator(".unsent").getByText("3 mục chưa gửi").waitFor();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const listY = await page.evaluate(() => window.scrollY);
    assert.ok(listY > 0, "the list scrolls on a 740 px screen");
    await page.locator("li.report").last().getByRole("link").click();
    await page.locator(".outline-section, [data-row]").first().waitFor();
    await page.waitForFunction(() => window.scrollY === 0);

    // Back: the list where it was left.
    await page.goBack();
    await report.waitFor();
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, listY);

    // A figure that cannot be saved says so, and the rate beside it is not the old one.
    await page.locator("li.report", { hasText: "Chương trình quốc gia" }).getByRole("link").click();
    const rate = page.locator("[data-row='3.2a.1']");
    await page.fill("input[name='3.2a.1-numerator']", "1");
    await page.fill("input[name='3.2a.1-denominator']", "1");
    await rate.getByText("= 100,00 %").waitFor();
    await page.fill("input[name='3.2a.1-numerator']", "0,5");
    await rate.locator("p[role=alert]").getByText("Số này chưa được lưu.", { exact: false }).waitFor();
    assert.equal(await rate.getByText("= 100,00 %").count(), 0, "no rate from the figure that was not saved");
    await page.fill("input[name='3.2a.1-numerator']", "1");
    await rate.getByText("= 100,00 %").waitFor();
  }));
