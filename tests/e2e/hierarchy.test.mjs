// Figures up the hierarchy, as real users make them: two communes of Kỳ Sơn, Kỳ Sơn
// itself, a second district (Con Cuông) and two departments fill their reports in the
// PWA; Kỳ Sơn approves its communes, the province approves the districts and the
// departments; then every consolidated figure is checked against figures computed here
// by hand: Phụ lục 2 for the province and for Kỳ Sơn, the organisation table and the
// women-cadre grid of the province's Word report. No figure may be counted twice, and
// "units reported / expected" must count units, not rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp } from "./setup.mjs";
import { join } from "node:path";
import { ARTIFACTS, phone, login, syncNow } from "./browser.mjs";
import { unzip } from "./unzip.mjs";

const ACTIVITY = /phụ nữ năm 2022/;
const PROGRAMME = "Chương trình quốc gia";
const REQUIRED = ["general_situation", "policy_work", "coordination", "assessment", "difficulties"];

// Each unit: its account, what it enters in Phụ lục 2 and in the activity report's grids.
// Programme entries: [row, numerator, denominator] for rates and ratios, [row, "Có"] for
// yes/no rows, [row, value] for a figure given as is.
const UNITS = [
  {
    unit: 16816, username: "canbo.myly", password: "MyLy@2022",
    programme: [["1.1.3", "Có"], ["3.2a.1", 1, 2], ["3.2a.2", 1, 1]],
    organisation: ["commune", 9], cadres: [2, 7],
  },
  {
    unit: 16819, username: "canbo.bacly", password: "BacLy@2022", name: "Vi Thị Lan (Xã Bắc Lý)", role: "commune_officer",
    programme: [["1.1.3", "Không"], ["3.2a.1", 2, 3]],
    organisation: ["commune", 11], cadres: [3, 6],
  },
  {
    unit: 417, username: "canbo.kyson", password: "KySon@2022",
    // The district's own cases only: its communes' are theirs.
    programme: [["1.1.2", "Có"], ["3.2a.1", 1, 1], ["4.1", 120, 100], ["6.2", 3, 4]],
    organisation: ["district", 15], cadres: [5, 20],
  },
  {
    unit: 422, username: "canbo.concuong", password: "ConCuong@2022", name: "Lương Văn Hùng (Huyện Con Cuông)", role: "district_officer",
    programme: [["1.1.2", "Có"], ["3.2a.1", 0, 2], ["4.1", 110, 100], ["6.2", 1, 4]],
    organisation: ["district", 12], cadres: [4, 18],
  },
  {
    unit: 90001, username: "canbo.ldtbxh", password: "SoLdtbxh@2022", name: "Trần Văn Nam (Sở LĐTBXH)", role: "department_officer",
    programme: [["2.1", "41,2"], ["6.2", 5, 10]],
    organisation: ["province", 20], cadres: [6, 9],
  },
  {
    unit: 90006, username: "canbo.yte", password: "SoYte@2022", name: "Hồ Thị Thu (Sở Y tế)", role: "department_officer",
    programme: [["4.2", "20"]],
    organisation: ["province", 8], cadres: [1, 4],
  },
];

// Every row of every table in a DOCX body, as the texts of its cells.
function tableRows(xml) {
  return xml.split(/<w:tr[ >]/).slice(1).map((tr) =>
    tr.split("</w:tr>")[0].split(/<w:tc[ >]/).slice(1).map((tc) =>
      [...tc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")));
}

async function fillAndSubmit(page, unit) {
  await page.locator("li.report", { hasText: PROGRAMME }).getByRole("link").click();
  for (const [row, a, b] of unit.programme) {
    if (a === "Có" || a === "Không") {
      await page.selectOption(`select[name='${row}-answer']`, a === "Có" ? "1" : "0");
    } else if (b === undefined) {
      await page.fill(`input[name='${row}-value']`, a);
    } else {
      await page.fill(`input[name='${row}-numerator']`, String(a));
      await page.fill(`input[name='${row}-denominator']`, String(b));
    }
  }
  await submit(page);
  await page.locator("li.report", { hasText: ACTIVITY }).getByRole("link").click();
  for (const key of REQUIRED) await page.fill(`#field-${key}`, `Nội dung ${key} của đơn vị ${unit.unit}`);
  await page.fill("#field-signer", `Trưởng ban đơn vị ${unit.unit}`);
  const [row, members] = unit.organisation;
  await page.fill(`input[name='organisation-${row}-members']`, String(members));
  await page.fill("input[name='women_cadres-party_committee-women']", String(unit.cadres[0]));
  await page.fill("input[name='women_cadres-party_committee-men']", String(unit.cadres[1]));
  await submit(page);
}

async function submit(page) {
  await page.getByRole("button", { name: "Nộp báo cáo" }).click();
  await page.getByTestId("submitted").getByText("Đã nộp.").waitFor({ timeout: 60000 });
  await page.getByRole("link", { name: "‹ Danh sách báo cáo" }).click();
}

async function approve(page, base, id) {
  // Each report opened afresh: the reviewer's build still panics when one report page
  // replaces another in place (a known fault of its page changes).
  await page.goto(`${base}/#/bao-cao/${id}`);
  await page.reload();
  // The report comes to the reviewer's device with the next sync.
  await page.locator(".review-controls").waitFor();
  await syncNow(page);
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll(".review-controls button")].find((b) => b.textContent === "Duyệt báo cáo");
    return b && !b.disabled;
  }, null, { timeout: 60000 }).catch(async (e) => {
    await page.screenshot({ path: join(ARTIFACTS, "hierarchy-approve.png"), fullPage: true });
    throw e;
  });
  await page.locator(".review-controls").getByRole("button", { name: "Duyệt báo cáo" }).click();
  await page.getByTestId("approved").waitFor();
  await syncNow(page);
}

async function figure(page, row) {
  const tr = page.getByTestId("consolidated").locator(`tr[data-row='${row}']`);
  return [await tr.locator("td.actual").innerText(), await tr.locator("td.reported").innerText()];
}

test("figures move up the hierarchy counted once: communes, districts, departments, the province", () =>
  withApp(async ({ base, browser, createUser }) => {
    for (const u of UNITS.filter((u) => u.role)) {
      createUser({ username: u.username, name: u.name, role: u.role, unit: u.unit, password: u.password });
    }
    const pages = {};
    for (const u of UNITS) {
      const page = await (await phone(browser)).newPage();
      await page.goto(base);
      await login(page, u.username, u.password);
      await page.locator("li.report", { hasText: PROGRAMME }).waitFor({ timeout: 30000 });
      await fillAndSubmit(page, u);
      pages[u.unit] = page;
    }

    // Kỳ Sơn approves its communes; the province its districts and departments.
    for (const commune of [16816, 16819]) {
      for (const kind of ["programme", "activity"]) await approve(pages[417], base, `${kind}:${commune}:2022`);
    }
    const desk = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "vi-VN" })).newPage();
    await desk.goto(base);
    await login(desk, "thamdinh.ldtbxh", "LDTBXH@2022");
    await desk.getByRole("link", { name: "Tình hình nộp báo cáo" }).waitFor();
    for (const unit of [417, 422, 90001, 90006]) {
      for (const kind of ["programme", "activity"]) await approve(desk, base, `${kind}:${unit}:2022`);
    }

    // Phụ lục 2 for the province, approved reports only, against hand-computed figures.
    await desk.goto(`${base}/#/chi-tieu`);
    const province = {
      // Yes/no, communes: Mỹ Lý yes, Bắc Lý no → 1/2; 2 of the 460 communes answered.
      "1.1.3": ["50,00", "2/460"],
      // Yes/no, districts: both yes → 2/2, 2 of 21.
      "1.1.2": ["100,00", "2/21"],
      // Cases: Mỹ Lý 1/2, Bắc Lý 2/3, Kỳ Sơn's own 1/1, Con Cuông's own 0/2 → 4/8.
      "3.2a.1": ["50,00", "4/481"],
      // Its parent adds 3.2a.2 (Mỹ Lý 1/1): 5/9; four units reported, not five rows.
      "3.2a": ["55,56", "4/481"],
      // Districts 3/4 and 1/4, Sở LĐTBXH 5/10 → 9/18; 22 expected (21 districts, one department).
      "6.2": ["50,00", "3/22"],
      // Boys per 100 girls: 230 / 200.
      "4.1": ["115/100", "2/21"],
      // Given as is by the lead departments.
      "2.1": ["41,2", "1/1"],
      "4.2": ["20", "1/1"],
    };
    await desk.getByTestId("consolidated").locator("tr[data-row='3.2a.1'] td.actual").getByText("50,00").waitFor({ timeout: 30000 });
    for (const [row, expected] of Object.entries(province)) {
      assert.deepEqual(await figure(desk, row), expected, `province, row ${row}`);
    }
    // "Reported / expected" for every row of the table, by hand: communes' rows expect the
    // 460 communes, districts' the 21 districts, rows both enter 481 units, 6.2 the 21
    // districts and its lead department, a department's row its lead only.
    const expected = {
      "1.1.1": "0/1", "1.1.2": "2/21", "1.1.3": "2/460",
      "2.1": "1/1", "2.2": "0/1", "2.3": "0/1",
      "3.1": "0/1", "3.2a": "4/481", "3.2a.1": "4/481", "3.2a.2": "1/481",
      "3.2b": "0/481", "3.2b.1": "0/481", "3.2b.2": "0/481", "3.3": "0/21", "3.4": "0/1",
      "4.1": "2/21", "4.2": "1/1", "4.3": "0/21", "4.4": "0/21",
      "5.1": "0/1", "5.2a": "0/21", "5.2b": "0/21", "5.3": "0/1", "5.4a": "0/1", "5.4b": "0/1",
      "6.1": "0/1", "6.2": "3/22", "6.3": "0/460", "6.4": "0/1",
    };
    const shown = await desk.getByTestId("consolidated").locator("tbody > tr[data-row]").evaluateAll((trs) =>
      Object.fromEntries(trs.filter((tr) => !tr.classList.contains("heading"))
        .map((tr) => [tr.dataset.row, tr.querySelector("td.reported").textContent])));
    assert.deepEqual(shown, expected);
    // Maternal mortality, to lower, plan ">25": 20 meets it.
    assert.equal(await desk.locator("tr[data-row='4.2'] td.met").innerText(), "Đạt");
    // The drill-down of 6.2 shows each district and the department, once each.
    await desk.locator("tr[data-row='6.2']").getByRole("button").click();
    await desk.locator("tr.drill tr[data-part='90001'] td.actual").getByText("5/10").waitFor();
    assert.equal(await desk.locator("tr.drill tr[data-part='417'] td.actual").innerText(), "75,00");

    // The same table for Kỳ Sơn: its communes and its own cases, each once.
    await desk.selectOption("select[name=area]", "417");
    await desk.getByRole("heading", { name: /Huyện Kỳ Sơn/ }).waitFor();
    const kySon = {
      // (1 + 2 + 1) / (2 + 3 + 1) = 4/6; 3 of Kỳ Sơn's 22 units (21 communes and itself).
      "3.2a.1": ["66,67", "3/22"],
      "1.1.3": ["50,00", "2/21"],
      "1.1.2": ["100,00", "1/1"],
      "4.1": ["120/100", "1/1"],
    };
    await desk.getByTestId("consolidated").locator("tr[data-row='3.2a.1'] td.actual").getByText("66,67").waitFor({ timeout: 30000 });
    for (const [row, expected] of Object.entries(kySon)) {
      assert.deepEqual(await figure(desk, row), expected, `Kỳ Sơn, row ${row}`);
    }
    await desk.locator("tr[data-row='3.2a.1']").getByRole("button").click();
    await desk.locator("tr.drill tr[data-part='417']").getByText("Huyện Kỳ Sơn (cấp huyện trực tiếp)").waitFor();

    const [xlsx] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Tải Excel (Phụ lục 2)" }).click(),
    ]);
    await xlsx.saveAs(join(ARTIFACTS, "phu-luc-2-ky-son-2022.xlsx"));

    // Kỳ Sơn's officer sees, on its own report, the district's figure with its communes'.
    const district = pages[417];
    await district.goto(`${base}/#/bao-cao/programme:417:2022`);
    await district.reload();
    const area = district.locator("[data-row='3.2a.1'] details.answers");
    await area.locator("summary").getByText("Toàn huyện (báo cáo đã duyệt): 66,67 — 3/22 đơn vị").waitFor({ timeout: 30000 });
    await area.locator("summary").click();
    await area.locator("li", { hasText: "Xã Bắc Lý" }).getByText("2/3").waitFor();

    // The province drafts its own report with each unit's answer at hand.
    await desk.goto(`${base}/#/bao-cao-tinh`);
    await desk.locator("li.report", { hasText: ACTIVITY }).getByRole("link").click();
    const answers = desk.locator(".field", { has: desk.locator("#field-difficulties") }).locator("details.answers");
    await answers.locator("summary").getByText("Các đơn vị đã viết (6)").waitFor({ timeout: 30000 });
    await answers.locator("summary").click();
    await answers.getByText("Nội dung difficulties của đơn vị 16816").waitFor();
    assert.equal(await answers.getByRole("link", { name: "Xã Mỹ Lý" }).getAttribute("href"), "#/bao-cao/activity:16816:2022");
    await desk.fill("#field-difficulties", "Khó khăn chung của tỉnh");
    await syncNow(desk);

    // Its programme report: the province types no figure, it explains each row's roll-up,
    // and Phụ lục 2 prints the explanation beside the row.
    await desk.goto(`${base}/#/bao-cao-tinh`);
    await desk.locator("li.report", { hasText: PROGRAMME }).getByRole("link").click();
    const own = desk.locator("[data-row='3.2a.1']");
    await own.locator("details.answers summary").getByText("Toàn tỉnh (báo cáo đã duyệt): 50,00 — 4/481 đơn vị").waitFor({ timeout: 30000 });
    assert.equal(await desk.locator("input[name='3.2a.1-numerator']").count(), 0);
    await desk.fill("textarea[name='3.2a.1-note']", "Số ca do cấp huyện trực tiếp xử lý được tính riêng.");
    await syncNow(desk);
    await desk.goto(`${base}/#/chi-tieu`);
    await desk.selectOption("select[name=versions]", "all");
    await desk.getByTestId("consolidated").locator("tr[data-row='3.2a.1'] td.actual").waitFor();
    const [noted] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Tải Excel (Phụ lục 2)" }).click(),
    ]);
    await noted.saveAs(join(ARTIFACTS, "phu-luc-2-2022.xlsx"));
    assert.ok(unzip(await noted.path()).get("xl/sharedStrings.xml").includes("Số ca do cấp huyện trực tiếp xử lý được tính riêng."));

    // The province's Word report: the province's own words; every unit's figures once,
    // each level apart.
    await desk.goto(`${base}/#/tong-hop`);
    await desk.selectOption("select[name=period]", "2022");
    await desk.locator("input[name=include-unapproved]").check();
    const [docx] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Tải Word (báo cáo hoạt động tổng hợp)" }).click(),
    ]);
    await docx.saveAs(join(ARTIFACTS, "bao-cao-hoat-dong-2022.docx"));
    const body = unzip(await docx.path()).get("word/document.xml");
    assert.ok(body.includes("Khó khăn chung của tỉnh"), "the province's text");
    assert.ok(!body.includes("Nội dung difficulties của đơn vị"), "the units' words are in the annex");
    const rows = tableRows(body);
    // The organisation table's rows have its six columns (a level's line in the women-cadre
    // grid has one cell).
    const row = (label) => rows.find((r) => r[0] === label && r.length === 6);
    // Organisation, members: departments 20 + 8, districts 15 + 12, communes 9 + 11.
    assert.deepEqual(row("Cấp Sở ngành/tỉnh"), ["Cấp Sở ngành/tỉnh", "", "", "28", "", ""]);
    assert.deepEqual(row("Cấp huyện"), ["Cấp huyện", "", "", "27", "", ""]);
    assert.deepEqual(row("Cấp xã"), ["Cấp xã", "", "", "20", "", ""]);
    // Women cadres in party committees, women and men, each level on its own.
    const level = (tier) => rows.findIndex((r) => r.length === 1 && r[0] === tier);
    for (const [tier, women, men] of [["Cấp sở, ngành", "7", "13"], ["Cấp huyện", "9", "38"], ["Cấp xã", "5", "13"]]) {
      const at = level(tier);
      assert.ok(at > 0, `${tier} in the women-cadre grid`);
      assert.deepEqual(rows[at + 1], ["Tham gia cấp ủy đảng", women, men], tier);
    }
    assert.ok(rows.some((r) => r[0] === "Tham gia chính quyền"), "a locality's wording");
    assert.ok(rows.some((r) => r[0] === "Lãnh đạo chủ chốt cấp Sở, ngành"), "a department's wording");
    // The annex: each unit's words under its name.
    const [annex] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Tải Word (phụ lục: báo cáo của các đơn vị)" }).click(),
    ]);
    await annex.saveAs(join(ARTIFACTS, "bao-cao-hoat-dong-2022-phu-luc.docx"));
    const annexBody = unzip(await annex.path()).get("word/document.xml");
    for (const u of UNITS) assert.ok(annexBody.includes(`Nội dung difficulties của đơn vị ${u.unit}`), `${u.unit} in the annex`);
  }));
