// The tasks of Phụ lục 1 on a self-inspection page: the embedded plan leaves their texts
// out (a commune never shows them), so a unit that files a self-inspection keeps them
// after signing in and shows them with no network from then on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { phone, login } from "./browser.mjs";

test("a district's self-inspection shows each task's content, and still does offline", () =>
  withApp(async ({ base, browser, stopServer }) => {
    const page = await (await phone(browser)).newPage();
    await page.goto(base);
    await login(page, "canbo.kyson", "KySon@2022");
    const inspection = page.locator("li.report", { hasText: "tự kiểm tra" });
    await inspection.getByRole("link").click();
    // The first task the district takes part in, its first bullet as the plan prints it.
    const task = page.locator("[data-task]").first();
    await task.waitFor();
    await task.locator("summary", { hasText: "Nội dung nhiệm vụ" }).click();
    const bullet = task.locator("li").first();
    await bullet.waitFor();
    const text = await bullet.innerText();
    assert.ok(text.length > 40 && !text.includes("chưa tải về"), text);

    await stopServer();
    await page.reload();
    const again = page.locator("[data-task]").first();
    await again.locator("summary", { hasText: "Nội dung nhiệm vụ" }).click();
    assert.equal(await again.locator("li").first().innerText(), text);
  }));
