// Days without signal end in a refusal: while one phone of the commune was offline,
// another raised a figure on the server, so the first phone's submission makes the
// merged report wrong and the server refuses its whole batch. Nothing typed is lost: the
// phone keeps the refused edits through a reload, says which fields and why, saves them
// to a file, and sends them again on top of the server's copy, without the submission.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login, syncNow } from "./browser.mjs";

async function openProgramme(page, base) {
  await page.goto(base);
  await login(page, "canbo.myly", "MyLy@2022");
  await page.locator("li.report", { hasText: "Chương trình quốc gia" }).getByRole("link").click();
  await page.locator("input[name='3.2a.1-numerator']").waitFor();
  await page.getByTestId("last-sync").getByText("Đồng bộ lần cuối").waitFor({ timeout: 20000 });
}

test("a refusal after days offline loses nothing: kept, shown, saved and sent again", () =>
  withApp(async ({ base, browser }) => {
    const away = await phone(browser);
    const a = await away.newPage();
    await openProgramme(a, base);
    await a.fill("input[name='3.2a.1-numerator']", "2");
    await syncNow(a);
    const b = await (await phone(browser)).newPage();
    await openProgramme(b, base);

    // Phone A loses its signal for days (every request to the server fails).
    await away.route("**/api/**", (route) => route.abort("internetdisconnected"));
    await b.fill("input[name='3.2a.1-numerator']", "3");
    await syncNow(b);
    await a.fill("input[name='3.2a.1-denominator']", "2");
    await a.fill("textarea[name='3.2a.1-note']", "Số ca phát hiện qua tổ hòa giải");
    await a.selectOption("select[name='1.1.3-answer']", "1");
    await a.reload();
    await a.getByRole("button", { name: "Nộp báo cáo" }).click();
    await a.getByTestId("submitted").getByText("Đã nộp — sẽ tự gửi lên khi có mạng.").waitFor();

    // The signal is back: 3 of 2 once merged, so the submission is refused.
    await away.unroute("**/api/**");
    await syncNow(a);
    const refused = a.getByTestId("refused");
    await refused.getByText("chưa nộp được", { exact: false }).waitFor();
    await refused.getByText("Các thay đổi vẫn được giữ riêng trên máy này", { exact: false }).waitFor();
    const rows = await refused.locator("tbody tr").allInnerTexts();
    assert.ok(rows.some((r) => r.startsWith("III.2.1.1 ") && r.includes("tổ hòa giải")), rows.join("\n"));
    assert.ok(rows.some((r) => r.startsWith("I.1.3 ")), rows.join("\n"));
    await a.screenshot({ path: join(ARTIFACTS, "refused-360.png"), fullPage: false });

    // Kept through a reload, and marked on the home list.
    await a.reload();
    await a.getByTestId("refused").waitFor();
    await a.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    const item = a.locator("li.report", { hasText: "Chương trình quốc gia" });
    await item.getByText("Có thay đổi bị máy chủ từ chối").waitFor();
    await item.getByRole("link").click();

    // Saved to a file that carries them (a backup file, which someone else can hand in).
    const [download] = await Promise.all([
      a.waitForEvent("download"),
      a.getByTestId("refused").getByRole("button", { name: "Lưu ra tệp" }).click(),
    ]);
    const file = readFileSync(await download.path());
    assert.equal(file.subarray(0, 8).toString(), "VSTBPN01");
    assert.ok(file.includes(Buffer.from("tổ hòa giải")), "the file holds the refused note");

    // Sent again on top of the server's copy: B's numerator stays, A's edits join it,
    // and the report is a draft again, its error in view, until the officer fixes it.
    await a.getByRole("button", { name: "Gửi lại lên bản trên máy chủ" }).click();
    await a.getByTestId("refused-outcome").getByText("trừ lệnh nộp", { exact: false }).waitFor();
    await a.getByTestId("refused").waitFor({ state: "detached" });
    await syncNow(a);
    assert.equal(await a.inputValue("input[name='3.2a.1-numerator']"), "3");
    assert.equal(await a.inputValue("input[name='3.2a.1-denominator']"), "2");
    assert.equal(await a.inputValue("textarea[name='3.2a.1-note']"), "Số ca phát hiện qua tổ hòa giải");
    await a.locator("[data-row='3.2a.1']").getByText("Tử số không được lớn hơn mẫu số.").waitFor();
    assert.equal(await a.getByRole("button", { name: "Nộp báo cáo" }).isDisabled(), true);
    await a.getByTestId("refused").waitFor({ state: "detached" });

    // The other phone has every edit from the server.
    await syncNow(b);
    assert.equal(await b.inputValue("input[name='3.2a.1-denominator']"), "2");
    assert.equal(await b.inputValue("textarea[name='3.2a.1-note']"), "Số ca phát hiện qua tổ hòa giải");
    assert.equal(await b.inputValue("select[name='1.1.3-answer']"), "1");
  }));
