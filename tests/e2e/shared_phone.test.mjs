// One phone, two officers, and a session that expires: nobody sees another's unsent
// work, and nothing waiting to be sent is lost to a logout or an expired login.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { phone, login } from "./browser.mjs";

test("two officers share a phone; an expired session asks for a login and loses nothing", () =>
  withApp(async ({ base, browser, stopServer, startServer }) => {
    const page = await (await phone(browser)).newPage();
    await page.goto(base);
    await login(page, "canbo.myly", "MyLy@2022");
    const report = /hoạt động.*6 tháng đầu năm 2022/;
    await page.getByRole("link", { name: report }).click();
    await page.getByTestId("last-sync").getByText("Đồng bộ lần cuối").waitFor({ timeout: 20000 });
    await stopServer();
    await page.fill("#field-events_by_committee", "6");
    await page.getByTestId("pending").getByText("1 mục chưa gửi").waitFor();
    // Signing out with something unsent says how much, and "Huỷ" stays signed in.
    const asked = [];
    page.once("dialog", (d) => { asked.push(d.message()); d.dismiss(); });
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.locator("#field-events_by_committee").waitFor();
    assert.match(asked[0] ?? "", /^Còn 1 mục chưa gửi\. Máy giữ chúng và tự gửi khi bạn đăng nhập lại/);
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "Đăng xuất" }).click();

    // The district officer signs in on the same phone: Mỹ Lý's unsent edit is not theirs.
    await startServer();
    await login(page, "canbo.kyson", "KySon@2022");
    await page.getByRole("heading", { name: "Huyện Kỳ Sơn" }).waitFor();
    await page.getByRole("link", { name: report }).click();
    assert.equal(await page.inputValue("#field-events_by_committee"), "");
    await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor();
    const received = await (await fetch(`${base}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "thamdinh.ldtbxh", password: "LDTBXH@2022" }),
    })).json();
    const list = await (await fetch(`${base}/api/reports`, { headers: { authorization: `Bearer ${received.token}` } })).json();
    assert.equal(list.length, 0, "the Mỹ Lý edit never left the phone");
    await page.getByRole("button", { name: "Đăng xuất" }).click();

    // Mỹ Lý's officer comes back with an expired session: a login is asked for, and the
    // edit that waited is still there and goes out.
    await stopServer();
    await login(page, "canbo.myly", "MyLy@2022").catch(() => {});
    await page.locator("p[role=alert]").getByText("Không kết nối được máy chủ", { exact: false }).waitFor();
    await startServer();
    await login(page, "canbo.myly", "MyLy@2022");
    await page.getByRole("heading", { name: "Xã Mỹ Lý" }).waitFor();
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem("vstbpn.session"));
      session.expires_at = Date.now() - 1000;
      localStorage.setItem("vstbpn.session", JSON.stringify(session));
    });
    await page.reload();
    await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
    await login(page, "canbo.myly", "MyLy@2022");
    await page.getByRole("link", { name: report }).click();
    assert.equal(await page.inputValue("#field-events_by_committee"), "6");
    await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor({ timeout: 30000 });
    const after = await (await fetch(`${base}/api/reports`, { headers: { authorization: `Bearer ${received.token}` } })).json();
    assert.equal(after.length, 1);
    assert.ok(after[0].values.some(([label, value]) => label === "Số cuộc truyền thông (tọa đàm, hội thảo, triển lãm ảnh...) do Ban VSTBPN tổ chức" && value === "6"));
  }));
