// One phone, two officers, no signal, and a session that expires: nobody sees another's
// unsent work, an officer who signed in here before signs in again with no network (and
// a wrong password does not), and nothing waiting to be sent is lost to a logout or an
// expired login.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { phone, login } from "./browser.mjs";

test("two officers share a phone; one signs in again with no signal; an expired session asks for a login and loses nothing", () =>
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

    // With no signal, Mỹ Lý's officer signs in again on this phone: the phone checks the
    // password itself; a wrong one, or someone who never signed in here, stays out.
    await stopServer();
    const alert = page.locator("p[role=alert]");
    await login(page, "canbo.myly", "sai-mat-khau");
    await alert.getByText("Sai mật khẩu.", { exact: false }).waitFor({ timeout: 30000 });
    await login(page, "canbo.concuong", "ConCuong@2022");
    await alert.getByText("chưa đăng nhập trên máy này lần nào", { exact: false }).waitFor({ timeout: 30000 });
    await login(page, "canbo.myly", "MyLy@2022");
    await page.getByRole("heading", { name: "Xã Mỹ Lý" }).waitFor({ timeout: 30000 });
    await page.getByRole("link", { name: report }).click();
    assert.equal(await page.inputValue("#field-events_by_committee"), "6");
    await page.getByTestId("pending").getByText("1 mục chưa gửi").waitFor();
    // The signal comes back: what waited goes out by itself.
    await startServer();
    await page.getByTestId("pending").getByText("Mọi thay đổi đã được gửi").waitFor({ timeout: 90000 });
    await page.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
    await page.getByRole("heading", { name: "Xã Mỹ Lý" }).waitFor();

    // An expired session asks for a login, and nothing is lost.
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
