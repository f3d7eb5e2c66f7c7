// The field officer's other reports: national programme results with rates checked as
// they are typed, submitted offline, and seen by the reviewer as submitted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login } from "./browser.mjs";

test("fill programme results, see checks, submit offline, reviewer sees it submitted", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(base);
    await login(page, "canbo.myly", "MyLy@2022");
    const programme = page.locator("li.report", { hasText: "Chương trình quốc gia" });
    await programme.getByText("Chưa bắt đầu").waitFor();
    await programme.getByRole("link").click();

    // "Does the commune have …" rows are answered yes or no, with last year beside them:
    // no fraction to bend the rate.
    const row = page.locator("[data-row='1.1.3']");
    await row.getByText("Kết quả 2021: 46,3 · Kế hoạch 2022: 46,3").waitFor();
    assert.equal(await page.locator("input[name='1.1.3-numerator']").count(), 0);
    await page.selectOption("select[name='1.1.3-answer']", "1");
    assert.equal(await page.locator("input[name='6.3-numerator']").count(), 0);
    await page.selectOption("select[name='6.3-answer']", "1");
    // Rates are numerator over denominator, checked as typed; the row says what the
    // commune counts in it.
    const cases = page.locator("[data-row='3.2a.1']");
    await cases.getByText("Chỉ các ca do xã phát hiện", { exact: false }).waitFor();
    await page.fill("input[name='3.2a.1-numerator']", "3");
    await page.fill("input[name='3.2a.1-denominator']", "2");
    await cases.getByText("Tử số không được lớn hơn mẫu số.").waitFor();
    const submit = page.getByRole("button", { name: "Nộp báo cáo" });
    assert.equal(await submit.isDisabled(), true, "an error blocks submitting");
    await page.fill("input[name='3.2a.1-numerator']", "2");
    await cases.getByText("= 100,00 %").waitFor();
    await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor({ timeout: 20000 });
    // Who set the figure, by the server's receipt time.
    const history = page.locator("[data-row='1.1.3'] details.history");
    await history.locator("summary").click();
    await history.locator("li").first().getByText("Lô Thị Mai (Xã Mỹ Lý) · máy chủ nhận", { exact: false }).waitFor();
    assert.match(await history.locator("li").first().innerText(), /«1»$/);

    // Submitting works with the server gone and goes out when it is back.
    await stopServer();
    await submit.click();
    await page.getByTestId("submitted").getByText("Đã nộp — sẽ tự gửi lên khi có mạng.").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "programme-360.png"), fullPage: true });
    await startServer();
    await page.getByTestId("submitted").getByText("Đã nộp.").waitFor({ timeout: 90000 });
    await page.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    await page.locator("li.report", { hasText: "Chương trình quốc gia" }).getByText("Đã nộp").waitFor();
    // Days overdue are told only while a report is still owed.
    assert.equal(await page.locator("li.report", { hasText: "Chương trình quốc gia" }).locator(".countdown").count(), 0);
    await page.locator("li.report", { hasText: "6 tháng đầu năm 2022" }).locator(".countdown").getByText("quá hạn", { exact: false }).waitFor();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" });
    const review = await desk.newPage();
    await review.goto(base);
    await login(review, "thamdinh.ldtbxh", "LDTBXH@2022");
    const card = review.locator("article.received", { hasText: "Chương trình quốc gia" });
    await card.waitFor();
    const text = await card.innerText();
    assert.match(text, /Đã nộp lúc \d\d:\d\d \d\d\/\d\d\/\d{4} — nộp muộn/);
    assert.match(text, /I\.1\.3 Tỷ lệ chính quyền địa phương[^\n]*\s+Có/);
    assert.match(text, /VI\.3 [^\n]*\s+Có/);

    // Phụ lục 2 consolidated for the province: one commune of 460 has reported 1.1.3.
    await review.goto(`${base}/#/chi-tieu`);
    // Nothing is approved yet: the reviewer includes the reports not yet approved.
    await review.selectOption("select[name=versions]", "all");
    const consolidated = review.getByTestId("consolidated").locator("tr[data-row='1.1.3']");
    await consolidated.locator("td.actual").getByText("100,00").waitFor({ timeout: 20000 });
    assert.equal(await consolidated.locator("td.reported").innerText(), "1/460");
    assert.equal(await consolidated.locator("td.met").innerText(), "Đạt");
  }));
