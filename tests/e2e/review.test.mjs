// A commune's district returns its report with a comment on one figure while the province
// waits its turn; the officer's phone receives it, shows it beside the figure offline, the
// officer fixes and submits again with the server gone; the district approves, then the
// province; both sides see "Đã duyệt".
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login, syncNow } from "./browser.mjs";
import { unzip } from "./unzip.mjs";

test("the district returns with a comment, seen offline, fixed, resubmitted, approved by the district then the province", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    // The reviewer is already watching the list: a new submission appears without reload.
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" })).newPage();
    await desk.goto(base);
    await login(desk, "thamdinh.ldtbxh", "LDTBXH@2022");
    await desk.getByText("Chưa nhận được báo cáo nào.").waitFor();

    const page = await (await phone(browser)).newPage();
    await page.goto(base);
    await login(page, "canbo.myly", "MyLy@2022");
    await page.locator("li.report", { hasText: "Chương trình quốc gia" }).getByRole("link").click();
    await page.fill("input[name='3.2a.1-numerator']", "1");
    await page.fill("input[name='3.2a.1-denominator']", "1");
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await page.getByTestId("submitted").getByText("Đã nộp.").waitFor({ timeout: 30000 });

    // The province sees the submission at once and opens it: a commune's report goes to
    // its district first, so its controls wait.
    const started = Date.now();
    await desk.locator("article.received", { hasText: "Chương trình quốc gia" }).getByText("Đã nộp lúc", { exact: false })
      .waitFor({ timeout: 10000 });
    console.log(`the reviewer's list showed the submission ${Date.now() - started} ms after the phone had it sent`);
    await desk.locator("article.received", { hasText: "Chương trình quốc gia" })
      .getByRole("link", { name: "Mở báo cáo để thẩm định" }).click();
    await desk.getByTestId("review-turn").getByText("cấp huyện thẩm định trước", { exact: false }).waitFor({ timeout: 30000 });
    assert.equal(await desk.locator(".review-controls").getByRole("button", { name: "Duyệt báo cáo" }).isDisabled(), true);

    // Kỳ Sơn's officer returns it with a comment on 3.2a.1.
    const district = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "vi-VN" })).newPage();
    await district.goto(base);
    await login(district, "canbo.kyson", "KySon@2022");
    await district.getByRole("heading", { name: "Huyện Kỳ Sơn" }).waitFor();
    await district.goto(`${base}/#/bao-cao/programme:16816:2022`);
    const controls = district.locator(".review-controls");
    const returnButton = controls.getByRole("button", { name: "Trả lại để sửa" });
    await district.waitForFunction(() => {
      const b = [...document.querySelectorAll(".review-controls button")].find((b) => b.textContent === "Trả lại để sửa");
      return b && !b.disabled;
    }, null, { timeout: 30000 });
    assert.equal(await district.inputValue("input[name='3.2a.1-numerator']"), "1");
    await controls.locator("select[name=comment-field]").selectOption("3.2a.1");
    await controls.locator("input[name=comment-text]").fill("Mẫu số phải là số nạn nhân được phát hiện, kiểm tra lại.");
    await controls.getByRole("button", { name: "Thêm nhận xét" }).click();
    await controls.locator("textarea[name=review-note]").fill("Đề nghị xã rà soát số liệu.");
    await returnButton.click();
    await syncNow(district);

    // The phone gets it on the next sync, and it stays readable with the server gone.
    await syncNow(page);
    await page.getByTestId("returned").waitFor();
    await stopServer();
    await page.reload();
    const comment = page.locator("[data-row='3.2a.1'] .review-comment");
    await comment.getByText("Mẫu số phải là số nạn nhân được phát hiện, kiểm tra lại.").waitFor({ timeout: 30000 });
    await page.getByTestId("returned").getByText("Đề nghị xã rà soát số liệu.").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "returned-360.png"), fullPage: false });
    await page.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    const home = page.locator("li.report", { hasText: "Chương trình quốc gia" });
    await home.getByText("Bị trả lại").waitFor();
    // A notice at the top says so, and the returned report comes first on the list, marked.
    await page.getByTestId("returned-notice").getByText("Bị trả lại để sửa: Báo cáo kết quả thực hiện Chương trình quốc gia", { exact: false }).waitFor();
    const tops = await page.locator("li.report").evaluateAll((rows) => rows.map((r) => [r.dataset.state, r.getBoundingClientRect().top]));
    const returnedTop = tops.find(([state]) => state === "returned")[1];
    assert.ok(tops.every(([state, top]) => state === "returned" || top > returnedTop), JSON.stringify(tops));
    await home.getByRole("link").click();

    // Fixed and submitted again offline; it goes out when the server is back.
    await page.fill("input[name='3.2a.1-denominator']", "2");
    await page.getByRole("button", { name: "Nộp lại báo cáo" }).click();
    await page.getByTestId("submitted").getByText("Đã nộp — sẽ tự gửi lên khi có mạng.").waitFor();
    assert.equal(await comment.count(), 0, "the comment is done with once resubmitted");
    await startServer();
    await page.getByTestId("submitted").getByText("Đã nộp.").waitFor({ timeout: 90000 });

    // The district approves the new version; then it is the province's turn.
    await syncNow(district);
    assert.equal(await district.inputValue("input[name='3.2a.1-denominator']"), "2");
    const districtApprove = district.locator(".review-controls").getByRole("button", { name: "Duyệt báo cáo" });
    await district.waitForFunction(() => {
      const b = [...document.querySelectorAll(".review-controls button")].find((b) => b.textContent === "Duyệt báo cáo");
      return b && !b.disabled;
    }, null, { timeout: 30000 });
    await districtApprove.click();
    await district.getByTestId("review-turn").getByText("cấp tỉnh sẽ quyết định tiếp", { exact: false }).waitFor({ timeout: 30000 });
    await syncNow(district);

    await syncNow(desk);
    assert.equal(await desk.inputValue("input[name='3.2a.1-denominator']"), "2");
    await desk.getByTestId("review-turn").getByText("chờ cấp tỉnh quyết định", { exact: false }).waitFor({ timeout: 30000 });
    const approve = desk.locator(".review-controls").getByRole("button", { name: "Duyệt báo cáo" });
    assert.equal(await approve.isDisabled(), false);
    await approve.click();
    await desk.getByTestId("approved").waitFor();
    await syncNow(desk);
    await desk.goto(`${base}/#/da-nhan`);
    await desk.locator("article.received", { hasText: "Chương trình quốc gia" }).locator(".verdict").getByText("Đã duyệt").waitFor({ timeout: 30000 });

    await syncNow(page);
    await page.getByTestId("approved").waitFor();
    await page.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    await page.locator("li.report", { hasText: "Chương trình quốc gia" }).getByText("Đã duyệt").waitFor();

    // An approved report is reopened on purpose, once; the edit is then flagged.
    await page.locator("li.report", { hasText: "Chương trình quốc gia" }).getByRole("link").click();
    const locked = page.getByTestId("approved-locked");
    await locked.getByText("sửa sau khi duyệt", { exact: false }).waitFor();
    assert.equal(await page.locator("input[name='3.2a.1-numerator']").isDisabled(), true);
    await locked.getByRole("button", { name: "Sửa báo cáo đã duyệt" }).click();
    await page.fill("input[name='3.2a.1-numerator']", "2");
    await page.getByTestId("edited-after-approval").waitFor();

    // The reviewer sees what changed since the approval, field by field.
    await syncNow(page);
    await desk.goto(`${base}/#/bao-cao/programme:16816:2022`);
    await syncNow(desk);
    const since = desk.getByTestId("since-approval");
    await since.locator("td.before").getByText("1/2").waitFor({ timeout: 30000 });
    assert.equal(await since.locator("td.after").first().innerText(), "2/2");

    // The province's overview: every unit of the period, the edited report flagged live.
    const t0 = Date.now();
    await desk.goto(`${base}/#/tong-hop`);
    await desk.getByTestId("matrix").locator("tbody tr").first().waitFor();
    const units = await desk.getByTestId("matrix").locator("tbody tr").count();
    console.log(`overview of ${units} units rendered ${Date.now() - t0} ms after navigation`);
    assert.ok(units >= 481, `${units} rows`);
    await desk.selectOption("select[name=period]", "2022");
    await desk.locator("tr[data-unit='16816'] td.cell-edited").getByText("Sửa sau khi duyệt").waitFor({ timeout: 30000 });
    await desk.getByTestId("tallies").getByText("Huyện Kỳ Sơn").waitFor();
    await desk.screenshot({ path: join(ARTIFACTS, "overview-desktop.png"), fullPage: false });

    // The activity reports merged into the province's report, in Word, laid out like Phụ lục 3.
    const [docx] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Tải Word (báo cáo hoạt động tổng hợp)" }).click(),
    ]);
    const body = unzip(await docx.path()).get("word/document.xml");
    for (const heading of ["Kết quả hoạt động vì sự tiến bộ của phụ nữ năm 2022", "I. Tình hình chung của ngành, địa phương", "IV. Kiến nghị, đề xuất"]) {
      assert.ok(body.includes(heading), `«${heading}» in the DOCX`);
    }
    await desk.locator(".export-status.done").first().waitFor();

    // Phụ lục 2: the approved 1/2 counts, not the edit made after approval, on the page,
    // in the chart and in the Excel file.
    await desk.goto(`${base}/#/chi-tieu`);
    const row321 = desk.getByTestId("consolidated").locator("tr[data-row='3.2a.1']");
    await row321.locator("td.actual").getByText("50,00").waitFor({ timeout: 20000 });
    await desk.getByTestId("charts").locator("svg g[data-row='3.2a.1']").waitFor();
    const [xlsx] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Tải Excel (Phụ lục 2)" }).click(),
    ]);
    const sheet = unzip(await xlsx.path()).get("xl/worksheets/sheet1.xml");
    assert.match(sheet, /<c r="F18"[^>]*><v>50<\/v><\/c>/, "3.2a.1's actual in the workbook");
    await desk.screenshot({ path: join(ARTIFACTS, "consolidated-desktop.png"), fullPage: false });
    await desk.getByTestId("charts").screenshot({ path: join(ARTIFACTS, "consolidated-charts.png") });
    await desk.selectOption("select[name=versions]", "all");
    await row321.locator("td.actual").getByText("100,00").waitFor({ timeout: 20000 });
    await row321.getByRole("button").click();
    await desk.locator("tr.drill tr[data-part='417'] td.actual").getByText("100,00").waitFor();

    // Task progress: the 40 tasks of Phụ lục 1.
    await desk.goto(`${base}/#/tien-do`);
    await desk.getByTestId("progress").locator("tbody tr").nth(39).waitFor();
    assert.equal(await desk.getByTestId("progress").locator("tbody tr").count(), 40);

    // A district officer opens its own commune's report, never another district's.
    await district.goto(`${base}/#/bao-cao/programme:16816:2022`);
    await district.reload();
    await district.locator("input[name='3.2a.1-numerator']").waitFor();
    await district.waitForFunction(() => document.querySelector("input[name='3.2a.1-numerator']")?.value === "2", null, { timeout: 30000 });
    await district.goto(`${base}/#/bao-cao/activity:16663:2022-H1`);
    await district.getByTestId("no-access").getByText("Bạn không có quyền xem báo cáo này.").waitFor();
  }));
