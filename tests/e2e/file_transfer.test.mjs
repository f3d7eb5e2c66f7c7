// Weeks with no network: one phone saves its reports to a file, another imports it; the
// import merges with what the other phone typed, it never overwrites.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login } from "./browser.mjs";

test("save reports to a file on one phone, import on another: merged, not overwritten", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    const pages = [];
    for (let i = 0; i < 2; i++) {
      const page = await (await phone(browser)).newPage();
      await page.goto(base);
      await login(page, "canbo.myly", "MyLy@2022");
      await page.getByRole("heading", { name: "Xã Mỹ Lý" }).waitFor();
      pages.push(page);
    }
    const [a, b] = pages;
    await stopServer();

    const report = /hoạt động.*6 tháng đầu năm 2022/;
    await a.getByRole("link", { name: report }).click();
    await a.fill("#field-events_by_committee", "4");
    await a.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    const [download] = await Promise.all([
      a.waitForEvent("download"),
      a.getByRole("button", { name: "Lưu tất cả báo cáo ra tệp" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^vstbpn-16816-\d{8}\.vstbpn$/);
    const file = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);

    await b.getByRole("link", { name: report }).click();
    await b.fill("#field-training_classes", "2");
    await b.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    await b.setInputFiles("input[name=import]", file);
    await b.getByTestId("backup-message").getByText("Đã ghép 1 báo cáo", { exact: false }).waitFor();
    await b.getByRole("link", { name: report }).click();
    assert.equal(await b.inputValue("#field-events_by_committee"), "4");
    assert.equal(await b.inputValue("#field-training_classes"), "2");

    // The same file again brings nothing new.
    await b.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    await b.setInputFiles("input[name=import]", file);
    await b.getByTestId("backup-message").getByText("Đã ghép 0 báo cáo", { exact: false }).waitFor();
    await b.screenshot({ path: join(ARTIFACTS, "home-import-360.png"), fullPage: true });

    // The file carried to the province (the phones still have no signal): the reviewer
    // hands it in and the server merges it.
    await a.context().close();
    await b.context().close();
    await startServer();
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" })).newPage();
    await desk.goto(base);
    await login(desk, "thamdinh.ldtbxh", "LDTBXH@2022");
    await desk.getByRole("heading", { name: "Báo cáo đã nhận" }).waitFor();
    await desk.setInputFiles("input[name=hand-in]", file);
    await desk.getByTestId("hand-in-message").getByText("Máy chủ đã ghép 1 báo cáo", { exact: false }).waitFor({ timeout: 20000 });
    await desk.reload();
    const card = desk.locator("article.received", { hasText: "hoạt động" });
    await card.waitFor({ timeout: 20000 });
    assert.match(await card.innerText(), /triển lãm ảnh\.\.\.\) do Ban VSTBPN tổ chức\s+4/);
    await desk.setInputFiles("input[name=hand-in]", file);
    await desk.getByTestId("hand-in-message").getByText("Máy chủ đã ghép 0 báo cáo", { exact: false }).waitFor({ timeout: 20000 });
  }));
