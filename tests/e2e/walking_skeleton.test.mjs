// The walking skeleton, as users meet it: a commune officer fills the 6-month activity
// report, loses the server, reloads offline, keeps editing; the server comes back and the
// changes go out by themselves; the provincial reviewer sees them with the receipt time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login } from "./browser.mjs";

test("fill report offline, reload with the server stopped, sync by itself, reviewer sees it", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(base);
    await login(page, "canbo.myly", "MyLy@2022");

    // The unit's reports for 2022 with their due dates.
    await page.getByRole("heading", { name: "Xã Mỹ Lý" }).waitFor();
    await page.getByText("Hạn nộp: trước 05/06/2022").waitFor();
    await page.getByText("Hạn nộp: trước 25/12/2022").waitFor();
    await page.getByTestId("storage").getByText(/Bộ nhớ đã dùng: \d+,\d MB/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "home-360.png"), fullPage: true });

    await page.getByRole("link", { name: /6 tháng đầu năm 2022/ }).click();
    await page.fill("#field-events_by_committee", "3");
    await page.fill("#field-participants_female", "120");
    await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor({ timeout: 15000 });
    await page.evaluate(() => navigator.serviceWorker.ready);
    // Installable to the home screen: Chromium reports no installability error (but
    // that a test context is incognito, which a phone's browser is not).
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== "in-incognito"), []);

    // The server goes away. Edits go on and wait on the phone.
    await stopServer();
    await page.fill("#field-trainees_female", "27");
    await page.getByTestId("pending").getByText("1 mục chưa gửi").waitFor();

    // Reload with no server: the service worker serves the app, IndexedDB the values.
    await page.reload();
    await page.locator("#field-trainees_female").waitFor();
    assert.equal(await page.inputValue("#field-events_by_committee"), "3");
    assert.equal(await page.inputValue("#field-participants_female"), "120");
    assert.equal(await page.inputValue("#field-trainees_female"), "27");
    await page.getByTestId("pending").getByText("1 mục chưa gửi").waitFor();
    await page.getByTestId("sync-error").getByText("Không kết nối được máy chủ", { exact: false }).waitFor();
    await page.fill("#field-assessment", "Tổ chức 3 buổi tuyên truyền tại bản Huồi Xái");
    await page.getByTestId("pending").getByText("2 mục chưa gửi").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "report-offline-360.png"), fullPage: true });

    // The server comes back: everything goes out without a click.
    await startServer();
    await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor({ timeout: 90000 });
    await page.getByTestId("sync-error").waitFor({ state: "detached" });

    // The provincial reviewer sees the report with its values and the receipt time.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" });
    const review = await desk.newPage();
    await review.goto(base);
    await login(review, "thamdinh.ldtbxh", "LDTBXH@2022");
    const card = review.locator("article.received", { hasText: "Xã Mỹ Lý" });
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /Xã Mỹ Lý — Huyện Kỳ Sơn/);
    assert.match(text, /6 tháng đầu năm 2022/);
    assert.match(text, /triển lãm ảnh\.\.\.\) do Ban VSTBPN tổ chức\s+3/);
    assert.match(text, /Số người tham gia truyền thông — nữ\s+120/);
    assert.match(text, /Số đại biểu tham gia tập huấn — nữ\s+27/);
    assert.match(text, /Huồi Xái/);
    assert.match(text, /Máy chủ nhận lần cuối: \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    await review.screenshot({ path: join(ARTIFACTS, "received-desktop.png"), fullPage: true });
  }));
