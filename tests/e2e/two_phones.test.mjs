// Two phones of one commune edit the same report while the server is gone: different
// fields merge, the same field shows both values until a person picks one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { withApp } from "./setup.mjs";
import { ARTIFACTS, phone, login, syncNow } from "./browser.mjs";

async function openReport(page, base) {
  await page.goto(base);
  await login(page, "canbo.myly", "MyLy@2022");
  await page.getByRole("link", { name: /hoạt động.*6 tháng đầu năm 2022/ }).click();
  await page.locator("#field-events_by_committee").waitFor();
  await page.getByTestId("last-sync").getByText("Đồng bộ lần cuối").waitFor({ timeout: 20000 });
}

test("two phones edit offline: different fields merge, the same field is shown and chosen", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    const a = await (await phone(browser)).newPage();
    const b = await (await phone(browser)).newPage();
    await openReport(a, base);
    await openReport(b, base);

    await stopServer();
    await a.fill("#field-events_by_committee", "3");
    await a.fill("#field-general_situation", "Xã vùng cao, giao thông khó khăn");
    await b.fill("#field-events_by_committee", "5");
    await b.fill("#field-training_classes", "2");
    await startServer();

    await syncNow(a);
    await syncNow(b);
    await syncNow(a);
    for (const page of [a, b]) {
      assert.equal(await page.inputValue("#field-training_classes"), "2");
      assert.equal(await page.inputValue("#field-general_situation"), "Xã vùng cao, giao thông khó khăn");
      const panel = page.getByTestId("conflicts");
      await panel.getByText("Số cuộc truyền thông (tọa đàm, hội thảo, triển lãm ảnh...) do Ban VSTBPN tổ chức").waitFor();
      await panel.getByRole("button", { name: "Giữ «3»" }).waitFor();
      await panel.getByRole("button", { name: "Giữ «5»" }).waitFor();
    }
    await b.screenshot({ path: join(ARTIFACTS, "conflict-360.png"), fullPage: false });

    await b.getByTestId("conflicts").getByRole("button", { name: "Giữ «5»" }).click();
    await b.getByTestId("conflicts").waitFor({ state: "detached" });
    assert.equal(await b.inputValue("#field-events_by_committee"), "5");
    await syncNow(b);
    await syncNow(a);
    await a.getByTestId("conflicts").waitFor({ state: "detached" });
    assert.equal(await a.inputValue("#field-events_by_committee"), "5");

    // The field's history: who set which value, by the server's receipt time.
    const history = a.locator(".field", { has: a.locator("#field-events_by_committee") }).locator("details.history");
    await history.locator("summary").click();
    await history.locator("li").first().waitFor();
    const lines = await history.locator("li").allInnerTexts();
    // Newest first: the pick, phone B's 5, phone A's 3.
    assert.equal(lines.length, 3, lines.join("\n"));
    assert.ok(lines.every((l) => l.startsWith("Lô Thị Mai (Xã Mỹ Lý) · máy chủ nhận ")), lines.join("\n"));
    assert.deepEqual(lines.map((l) => l.slice(-3)), ["«5»", "«5»", "«3»"]);

    // Grid and table cells have a history too, per row, naming the cell.
    // A commune enters its own level's row of the organisation table, no other.
    assert.equal(await b.locator("input[name='organisation-district-members']").count(), 0);
    assert.equal(await b.locator("input[name='organisation-province-members']").count(), 0);
    await b.fill("input[name='organisation-commune-members']", "9");
    await b.getByRole("button", { name: "+ Thêm dòng" }).click();
    // Typed key by key: each keystroke is a write, and the row must not be rebuilt
    // under the officer's finger (focus and every character kept).
    const code = b.locator("input[name='documents_issued-code']").first();
    await code.click();
    await code.pressSequentially("12/KH-UBND");
    assert.equal(await code.inputValue(), "12/KH-UBND");
    assert.ok(await code.evaluate((el) => el === document.activeElement), "focus stays in the cell");
    await syncNow(b);
    await syncNow(a);
    assert.equal(await a.inputValue("input[name='organisation-commune-members']"), "9");
    const gridRow = a.locator("fieldset.grid-row", { has: a.locator("input[name='organisation-commune-members']") });
    await gridRow.locator("details.history summary").click();
    await gridRow.locator("details.history li").getByText("Thành viên Ban VSTBPN: «9»").waitFor();
    const tableRow = a.locator("fieldset.table-row").first();
    await tableRow.locator("details.history summary").click();
    await tableRow.locator("details.history li").getByText("Ký hiệu văn bản: «12/KH-UBND»").waitFor();
    assert.match(await tableRow.locator("details.history li").first().innerText(), /^Lô Thị Mai \(Xã Mỹ Lý\) · máy chủ nhận /);
  }));
