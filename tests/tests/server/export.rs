//! The official files over the real server, opened the way the province opens them: the
//! Phụ lục 2 XLSX read back with a spreadsheet reader and compared with the seed's own
//! columns and the rolled-up actuals; the activity report DOCX unpacked and its headings
//! compared with Phụ lục 3's outline. Both hold approved versions unless asked otherwise.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use shared::access::Role;
use shared::ids::DocId;
use shared::plan::value::PlanValue;
use shared::report::activity::{add_row, set_cell, set_count, set_grid, set_narrative};
use shared::report::programme::{set_denominator, set_numerator};
use shared::report::review::{Decision, Verdict, decide};
use shared::report::set_submitted;
use shared::wire::ConsolidatedResponse;
use std::io::{Cursor, Read};
use tests::{Client, TestApp, spawn_app};

const MY_LY: u32 = 16816;
const NA_NGOI: u32 = 16819;

/// The provincial reviewer decides on its own copy of `id`, synced first (a commune's
/// report approved by its district first, as the order of levels asks).
async fn decide_on(app: &TestApp, desk: &mut Client, id: DocId, verdict: Verdict, comment: &str) {
    if id.unit.level() == Some(shared::vocabulary::UnitLevel::Commune) {
        app.district_approves(id).await;
    }
    desk.replicas.open(id);
    desk.replicas.open(id.review());
    desk.sync(app).await.unwrap();
    let mut report = desk.replicas.open(id).doc.fork();
    let decision = Decision {
        verdict: verdict.as_str().to_string(),
        note: comment.to_string(),
        by: tests::display_name(&desk.token),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(id.review()).doc,
        &id,
        &mut report,
        decision,
    )
    .unwrap();
    desk.sync(app).await.unwrap();
    assert!(desk.refused.is_empty(), "{:?}", desk.refused);
}

fn sheet(bytes: Vec<u8>) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an XLSX file");
    book.worksheet_range("Phụ lục 2")
        .expect("the Phụ lục 2 sheet")
}

fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => format!("{f}"),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("unexpected cell {other:?}"),
    }
}

/// A printed plan value and a cell hold the same exact value: numbers as numbers (the
/// cell a float of the same decimal), anything else as the same printed shape.
fn same_value(seed: &str, got: &Data) {
    let seed_value = PlanValue::parse(seed).unwrap();
    match (&seed_value, got) {
        (PlanValue::Number(d), Data::Float(f)) => {
            let exact = d.units as f64 / 10f64.powi(d.scale as i32);
            assert_eq!(*f, exact, "seed «{seed}»");
        }
        (PlanValue::Empty, Data::Empty) => {}
        (_, Data::String(s)) => {
            assert_eq!(PlanValue::parse(s).unwrap(), seed_value, "seed «{seed}»")
        }
        _ => panic!("seed «{seed}» against {got:?}"),
    }
}

#[tokio::test]
async fn the_phu_luc_2_workbook_holds_the_seed_columns_and_the_approved_actuals() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut desk = Client::new("desk", &reviewer);
    let my_ly: DocId = format!("programme:{MY_LY}:2022").parse().unwrap();
    let na_ngoi: DocId = format!("programme:{NA_NGOI}:2022").parse().unwrap();
    let officer = app.user("xa.myly", Role::CommuneOfficer, Some(MY_LY)).await;
    let mut phone = Client::new("phone", &officer);
    phone.replicas.open(my_ly.review());

    // Mỹ Lý reports no female key leader; the province returns it; the commune corrects
    // and submits again; the province approves.
    let doc = &mut phone.replicas.open(my_ly).doc;
    set_numerator(doc, "1.1.3", Some(0)).unwrap();
    set_denominator(doc, "1.1.3", Some(1)).unwrap();
    tests::submit(doc);
    phone.sync(&app).await.unwrap();
    decide_on(
        &app,
        &mut desk,
        my_ly,
        Verdict::Returned,
        "Kiểm tra lại chỉ tiêu 1.3",
    )
    .await;
    phone.sync(&app).await.unwrap();
    let doc = &mut phone.replicas.open(my_ly).doc;
    set_numerator(doc, "1.1.3", Some(1)).unwrap();
    set_submitted(doc, false).unwrap();
    tests::submit(doc);
    phone.sync(&app).await.unwrap();
    decide_on(&app, &mut desk, my_ly, Verdict::Approved, "").await;
    // After the approval the commune changes its figure again, and Na Ngoi submits a
    // report nobody approved: neither counts in the default export.
    set_numerator(&mut phone.replicas.open(my_ly).doc, "1.1.3", Some(0)).unwrap();
    phone.sync(&app).await.unwrap();
    let other = app
        .user("xa.nangoi", Role::CommuneOfficer, Some(NA_NGOI))
        .await;
    let mut other_phone = Client::new("phone2", &other);
    let doc = &mut other_phone.replicas.open(na_ngoi).doc;
    set_numerator(doc, "1.1.3", Some(1)).unwrap();
    set_denominator(doc, "1.1.3", Some(1)).unwrap();
    tests::submit(doc);
    other_phone.sync(&app).await.unwrap();

    let (status, content_type, bytes) = app
        .get_bytes(&reviewer, "/api/export/phu-luc-2.xlsx?period=2022")
        .await;
    assert_eq!(status, 200);
    assert!(content_type.contains("spreadsheetml"), "{content_type}");
    println!("phu-luc-2.xlsx: {} bytes", bytes.len());
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let merged = book.merge_cells_by_sheet_name("Phụ lục 2").unwrap();
    let sheet_xml = part(&bytes, "xl/worksheets/sheet1.xml");
    let range = sheet(bytes);
    let header = 4;
    // The lead agency's cell runs down the rows the seed leaves empty: 1.1–1.3 Sở Nội vụ.
    let lead_of = |printed: &str, words: &str| {
        (header..=range.end().unwrap().0)
            .find(|r| cell(&range, *r, 0) == printed && cell(&range, *r, 1).contains(words))
            .unwrap()
    };
    let (first, last) = (lead_of("1.1", "cấp tỉnh"), lead_of("1.3", "cấp xã"));
    assert_eq!(cell(&range, first, 8), "Sở Nội vụ");
    assert!(
        merged
            .iter()
            .any(|d| d.start == (first, 8) && d.end == (last, 8)),
        "no merged lead cell over rows {first}–{last}: {merged:?}"
    );
    // Rows as tall as their wrapped text; the scope line says when the figures were read.
    let height = |r: u32| -> f64 {
        let tag = format!("<row r=\"{}\"", r + 1);
        let row = sheet_xml
            .split(&tag)
            .nth(1)
            .unwrap()
            .split('>')
            .next()
            .unwrap();
        row.split("ht=\"")
            .nth(1)
            .map_or(15.0, |h| h.split('"').next().unwrap().parse().unwrap())
    };
    let long = lead_of("1", "quản lý nhà nước");
    assert!(height(long) > 15.0, "a two-line row is {} pt", height(long));
    assert!(
        cell(&range, 2, 0).contains("số liệu tính đến "),
        "{}",
        cell(&range, 2, 0)
    );
    assert_eq!(cell(&range, header, 0), "TT");
    assert_eq!(cell(&range, header, 3), "Kết quả năm 2021");
    assert_eq!(cell(&range, header, 4), "Kế hoạch năm 2022");
    assert_eq!(cell(&range, header, 5), "Thực hiện năm 2022");
    assert!(cell(&range, 2, 0).contains("chỉ số liệu của các báo cáo đã duyệt"));

    // Row by row against the seed's printed table: objectives, indicators, values.
    let seed = include_str!("../../fixtures/phu-luc-2-seed.tsv");
    let mut row = header;
    let mut compared = 0;
    for line in seed.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 || cols[0] == "TT" {
            continue;
        }
        row += 1;
        assert_eq!(cell(&range, row, 0), cols[0].trim(), "TT of «{}»", cols[1]);
        assert_eq!(cell(&range, row, 1), cols[1].trim(), "row {row}");
        assert_eq!(
            cell(&range, row, 2),
            cols[2].trim(),
            "unit of «{}»",
            cols[1]
        );
        same_value(cols[3], range.get_value((row, 3)).unwrap_or(&Data::Empty));
        same_value(cols[4], range.get_value((row, 4)).unwrap_or(&Data::Empty));
        compared += 1;
    }
    assert_eq!(compared, 37, "6 objectives and 31 indicator rows");
    assert_eq!(range.end().unwrap().0, row, "no row beyond the seed's");

    // 1.1.3 (printed 1.3): only Mỹ Lý's approved 1/1 counts.
    let at = |range: &calamine::Range<Data>, printed: &str| {
        (header..=range.end().unwrap().0)
            .find(|r| cell(range, *r, 0) == printed && cell(range, *r, 1).contains("cấp xã"))
            .unwrap()
    };
    let r = at(&range, "1.3");
    assert_eq!(range.get_value((r, 5)), Some(&Data::Float(100.0)));
    assert_eq!(cell(&range, r, 6), "1/460");
    assert_eq!(cell(&range, r, 7), "Đạt");
    let (_, json) = app
        .get_json::<ConsolidatedResponse>(&reviewer, "/api/consolidated?period=2022&approved=true")
        .await;
    let json = json.unwrap();
    let row_113 = json.rows.iter().find(|r| r.id == "1.1.3").unwrap();
    assert_eq!(row_113.actual.as_deref(), Some("100,00"), "the page agrees");

    // Asked for everything: Mỹ Lý's latest 0/1 and Na Ngoi's 1/1.
    let (_, _, bytes) = app
        .get_bytes(&reviewer, "/api/export/phu-luc-2.xlsx?period=2022&all=true")
        .await;
    let range = sheet(bytes);
    let r = at(&range, "1.3");
    assert_eq!(range.get_value((r, 5)), Some(&Data::Float(50.0)));
    assert_eq!(cell(&range, r, 6), "2/460");

    // The completeness matrix: one row per unit owing reports, statuses in Vietnamese.
    let (status, _, bytes) = app
        .get_bytes(
            &reviewer,
            "/api/export/tinh-hinh-nop.xlsx?period=2022&district=417",
        )
        .await;
    assert_eq!(status, 200);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let matrix = book.worksheet_range("Tình hình nộp báo cáo").unwrap();
    let my_ly_row = (3..=matrix.end().unwrap().0)
        .find(|r| cell(&matrix, *r, 1) == "Xã Mỹ Lý")
        .expect("Mỹ Lý's row");
    let programme_col = (3..=matrix.end().unwrap().1)
        .find(|c| cell(&matrix, 2, *c).starts_with("Báo cáo kết quả thực hiện Chương trình"))
        .unwrap_or_else(|| panic!("programme column: {:?}", matrix.rows().nth(2)));
    assert!(
        cell(&matrix, my_ly_row, programme_col).starts_with("Sửa sau khi duyệt"),
        "{}",
        cell(&matrix, my_ly_row, programme_col)
    );
    let tallies = book.worksheet_range("Tổng hợp theo huyện").unwrap();
    // The total is labelled by its scope: this file covers Kỳ Sơn, not the province.
    let labels: Vec<String> = (3..=tallies.end().unwrap().0)
        .map(|r| cell(&tallies, r, 0))
        .collect();
    assert!(
        labels.iter().any(|l| l == "Toàn huyện Kỳ Sơn"),
        "{labels:?}"
    );
    assert!(!labels.iter().any(|l| l == "Toàn tỉnh"), "{labels:?}");

    // Who may download: not a commune; bad input is refused in Vietnamese.
    assert_eq!(
        app.get_bytes(&officer, "/api/export/phu-luc-2.xlsx?period=2022")
            .await
            .0,
        403
    );
    let (status, _, body) = app
        .get_bytes(&reviewer, "/api/export/phu-luc-2.xlsx?period=20x2")
        .await;
    assert_eq!(status, 400);
    assert!(
        String::from_utf8_lossy(&body).contains("Kỳ"),
        "{}",
        String::from_utf8_lossy(&body)
    );
}

/// The paragraphs of a DOCX's body with their style: (style, text).
fn paragraphs(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX (zip) file");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    xml.split("<w:p>")
        .chain(xml.split("<w:p ").skip(1))
        .skip(1)
        .map(|p| {
            let p = p.split("</w:p>").next().unwrap_or("");
            let style = p
                .split("<w:pStyle w:val=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("")
                .to_string();
            let text: String = p
                .split("<w:t")
                .skip(1)
                .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
                .map(|t| t.split("</w:t>").next().unwrap_or(""))
                .collect();
            (style, text.replace("&amp;", "&"))
        })
        .collect()
}

/// Phụ lục 3's headings as the seed prints them.
const OUTLINE: [&str; 14] = [
    "I. Tình hình chung của ngành, địa phương",
    "II. Kết quả công tác vì sự tiến bộ của phụ nữ",
    "1. Triển khai chủ trương, chính sách, pháp luật, chương trình liên quan tới công tác vì sự tiến bộ của phụ nữ và bình đẳng giới",
    "2. Phối hợp liên ngành nhằm thực hiện tốt công tác VSTBPN và phòng, ngừa ứng phó bạo lực trên cơ sở giới",
    "3. Công tác truyền thông, phổ biến, giáo dục chính sách pháp luật về bình đẳng giới và vì sự tiến bộ của phụ nữ",
    "4. Công tác cán bộ nữ",
    "4.1. Công tác tham mưu với cấp ủy chính quyền cùng cấp các giải pháp nhằm nâng cao chất lượng cán bộ nữ",
    "4.2. Kết quả thực hiện công tác cán bộ nữ năm 2022 (có so sánh với tỷ lệ về nam giới)",
    "4.3. Những khó khăn, vướng mắc, tồn tại, nguyên nhân và giải pháp đối với công tác cán bộ nữ của ngành, địa phương.",
    "5. Tổ chức, kinh phí và hoạt động thường xuyên của Ban vì sự tiến bộ của phụ nữ",
    "5.1. Công tác tổ chức, kinh phí:",
    "5.2. Công tác kiểm tra hoạt động vì sự tiến bộ của phụ nữ",
    "III. Khó khăn, vướng mắc",
    "IV. Kiến nghị, đề xuất",
];

#[tokio::test]
async fn the_activity_report_docx_follows_phu_luc_3_with_approved_reports() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut desk = Client::new("desk", &reviewer);
    for (unit, events, approve) in [(MY_LY, 3, true), (NA_NGOI, 4, false)] {
        let token = app
            .user(&format!("xa.{unit}"), Role::CommuneOfficer, Some(unit))
            .await;
        let id: DocId = format!("activity:{unit}:2022").parse().unwrap();
        let mut phone = Client::new("phone", &token);
        let doc = &mut phone.replicas.open(id).doc;
        set_count(doc, "events_by_committee", Some(events)).unwrap();
        set_narrative(doc, "difficulties", &format!("Khó khăn của xã {unit}")).unwrap();
        set_grid(doc, "women_cadres", "key_leaders", "women", Some(2)).unwrap();
        add_row(doc, "documents_issued", "r1", 1).unwrap();
        set_cell(
            doc,
            "documents_issued",
            "r1",
            "code",
            &format!("{unit}/KH-UBND"),
        )
        .unwrap();
        tests::submit(doc);
        phone.sync(&app).await.unwrap();
        if approve {
            decide_on(&app, &mut desk, id, Verdict::Approved, "").await;
        }
    }

    // Sở LĐTBXH drafts the province's own report: its text, the province's own events.
    let province: DocId = "activity:40:2022".parse().unwrap();
    let mut drafting = Client::new("drafting", &reviewer);
    let doc = &mut drafting.replicas.open(province).doc;
    set_narrative(doc, "difficulties", "Khó khăn chung của tỉnh").unwrap();
    set_count(doc, "events_by_committee", Some(5)).unwrap();
    set_grid(doc, "women_cadres", "key_leaders", "women", Some(7)).unwrap();
    shared::report::activity::set_text(doc, "signer", "Nguyễn Thị Hoa").unwrap();
    tests::submit(doc);
    drafting.sync(&app).await.unwrap();
    assert!(drafting.refused.is_empty(), "{:?}", drafting.refused);
    // Approved by another reviewer: whoever drafted a report does not approve it.
    let other = app.user("thamdinh2", Role::ProvincialReviewer, None).await;
    let mut second_desk = Client::new("second-desk", &other);
    decide_on(&app, &mut second_desk, province, Verdict::Approved, "").await;

    let (status, content_type, bytes) = app
        .get_bytes(&reviewer, "/api/export/bao-cao-hoat-dong.docx?period=2022")
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(content_type.contains("wordprocessingml"), "{content_type}");
    println!("bao-cao-hoat-dong.docx: {} bytes", bytes.len());
    let body = paragraphs(&bytes);
    let headings: Vec<&str> = body
        .iter()
        .filter(|(style, _)| style.starts_with("Heading"))
        .map(|(_, text)| text.as_str())
        .collect();
    assert_eq!(headings.len(), OUTLINE.len(), "{headings:#?}");
    let plain = |s: &str| s.trim_end_matches(['.', ':']).to_lowercase();
    for (got, seed) in headings.iter().zip(OUTLINE) {
        assert_eq!(plain(got), plain(seed), "a heading as the seed prints it");
    }
    let text: Vec<&str> = body.iter().map(|(_, t)| t.as_str()).collect();
    let all = text.join("\n");
    for addressee in [
        "1. VỚI LÃNH ĐẠO NGÀNH, TỈNH, ĐỊA PHƯƠNG",
        "2. VỚI UBQG VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ VIỆT NAM",
        "3. VỚI CÁC CƠ QUAN CHỨC NĂNG LIÊN QUAN KHÁC",
        "TRƯỞNG BAN\nVÌ SỰ TIẾN BỘ CỦA PHỤ NỮ",
        "Cấp Sở ngành/tỉnh",
        "Đơn vị thành lập mới",
        // The women cadres of the communes, under their level, in a locality's wording.
        "Cấp xã",
        "Tham gia chính quyền",
    ] {
        assert!(all.contains(addressee), "«{addressee}» missing");
    }
    // The report is the province's: its own words, signed by its own signer; Mỹ Lý's
    // approved figures and rows with the province's own, each once.
    assert!(all.contains("Khó khăn chung của tỉnh"), "{all}");
    assert!(all.contains("Nguyễn Thị Hoa"), "{all}");
    assert!(all.contains("8 (tổng hợp từ 2 đơn vị)"), "{all}");
    assert!(all.contains(&format!("{MY_LY}/KH-UBND")));
    assert!(
        all.contains("Cấp tỉnh"),
        "the province's own cadres under its level"
    );
    assert!(
        !all.contains("Khó khăn của xã"),
        "the units' words are in the annex"
    );
    // The annex: what each unit wrote, under its name; only approved reports.
    let (status, _, annex) = app
        .get_bytes(
            &reviewer,
            "/api/export/bao-cao-hoat-dong-phu-luc.docx?period=2022",
        )
        .await;
    assert_eq!(status, 200);
    let annex = paragraphs(&annex)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(annex.contains("PHỤ LỤC"), "{annex}");
    // What Phụ lục 3 asks under II.2, point by point.
    assert!(
        annex.contains(
            "- Việc phối hợp rà soát, đánh giá kết quả 15 năm thi hành Luật Bình đẳng giới"
        ),
        "{annex}"
    );
    assert!(
        annex.contains("Kế hoạch số 221/KH-UBND ngày 20/4/2021"),
        "{annex}"
    );
    assert!(
        annex.contains(&format!("Khó khăn của xã {MY_LY}")),
        "{annex}"
    );
    assert!(!annex.contains(&format!("Khó khăn của xã {NA_NGOI}")));
    assert!(
        !annex.contains("Khó khăn chung của tỉnh"),
        "the province's text is the report's"
    );

    let (_, _, bytes) = app
        .get_bytes(
            &reviewer,
            "/api/export/bao-cao-hoat-dong.docx?period=2022&all=true",
        )
        .await;
    let all = paragraphs(&bytes)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("12 (tổng hợp từ 3 đơn vị)"), "{all}");

    // A district officer of Con Cuông consolidates Con Cuông only: Kỳ Sơn is not in it,
    // and asking for Kỳ Sơn is refused.
    let con_cuong = app
        .user("huyen.concuong", Role::DistrictOfficer, Some(422))
        .await;
    let (status, _, _) = app
        .get_bytes(
            &con_cuong,
            "/api/export/bao-cao-hoat-dong.docx?period=2022&district=417&all=true",
        )
        .await;
    assert_eq!(status, 403);
    let (status, _, bytes) = app
        .get_bytes(
            &con_cuong,
            "/api/export/bao-cao-hoat-dong.docx?period=2022&all=true",
        )
        .await;
    assert_eq!(status, 200);
    let all = paragraphs(&bytes)
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("UBND HUYỆN CON CUÔNG"), "{all}");
    assert!(
        !all.contains("Khó khăn của xã") && !all.contains("Khó khăn chung của tỉnh"),
        "another district's or the province's text leaked"
    );
    assert!(all.contains("(tổng hợp từ 0 đơn vị)"), "{all}");
}

#[tokio::test]
async fn task_progress_reads_the_lead_agencies_approved_self_inspections() {
    use shared::progress::TaskProgress;
    use shared::report::inspection::{TaskStatus, set_status};
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut desk = Client::new("desk", &reviewer);
    // Task 1.1 is led by Sở Thông tin và Truyền thông.
    let tttt = shared::plan::plan()
        .agency("tttt")
        .unwrap()
        .unit_code
        .unwrap()
        .get();
    let token = app
        .user("so.tttt", Role::DepartmentOfficer, Some(tttt))
        .await;
    let id: DocId = format!("inspection:{tttt}:2022").parse().unwrap();
    let mut office = Client::new("office", &token);
    let doc = &mut office.replicas.open(id).doc;
    set_status(doc, "1.1", Some(TaskStatus::Done)).unwrap();
    tests::submit(doc);
    office.sync(&app).await.unwrap();

    let progress = |all: bool| {
        let app = &app;
        let reviewer = reviewer.clone();
        async move {
            let (status, body) = app
                .get_json::<Vec<TaskProgress>>(
                    &reviewer,
                    &format!("/api/progress?period=2022&all={all}"),
                )
                .await;
            assert_eq!(status, 200);
            body.unwrap()
        }
    };
    let before = progress(false).await;
    assert_eq!(before.len(), 40, "Phụ lục 1 has 40 tasks");
    assert_eq!(before[0].label(), "Chưa có báo cáo", "not approved yet");
    assert_eq!(progress(true).await[0].label(), "Đã hoàn thành");
    decide_on(&app, &mut desk, id, Verdict::Approved, "").await;
    let after = progress(false).await;
    assert_eq!(after[0].number, "1.1");
    assert_eq!((after[0].leads[0].units, after[0].leads[0].done), (1, 1));
    assert_eq!(after[0].label(), "Đã hoàn thành");
    assert_eq!(
        app.get_bytes(&token, "/api/progress?period=2022").await.0,
        403
    );
}

#[tokio::test]
async fn a_narrative_pasted_from_word_still_gives_a_docx_that_opens_with_its_lines_apart() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let token = app.user("xa.myly", Role::CommuneOfficer, Some(MY_LY)).await;
    let id: DocId = format!("activity:{MY_LY}:2022").parse().unwrap();
    let mut phone = Client::new("phone", &token);
    let doc = &mut phone.replicas.open(id).doc;
    // Word's line break (a vertical tab), a Windows line end, an escape from a chat app.
    let pasted = "Đồng bào Khơ Mú).\u{0B}Đời sống còn khó khăn.\r\nGiao thông\u{1B} cách trở.";
    set_narrative(doc, "difficulties", pasted).unwrap();
    tests::submit(doc);
    phone.sync(&app).await.unwrap();

    // The commune's words are in the annex of the units' answers.
    let (status, _, bytes) = app
        .get_bytes(
            &reviewer,
            "/api/export/bao-cao-hoat-dong-phu-luc.docx?period=2022&all=true",
        )
        .await;
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX (zip) file");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // XML 1.0's characters only, or Word refuses the whole file.
    let bad: Vec<u32> = xml
        .chars()
        .filter(|&c| {
            !(matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'))
        })
        .map(u32::from)
        .collect();
    assert!(bad.is_empty(), "characters XML forbids: {bad:x?}");
    // Each line of the answer after a line break, never run into the one before.
    let at = |needle: &str| {
        xml.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    let (first, second, third) = (
        at("Đồng bào Khơ Mú)."),
        at("Đời sống còn khó khăn."),
        at("Giao thông cách trở."),
    );
    assert!(
        xml[first..second].contains("<w:br"),
        "{}",
        &xml[first..second]
    );
    assert!(
        xml[second..third].contains("<w:br"),
        "{}",
        &xml[second..third]
    );
}

#[tokio::test]
async fn the_activity_report_and_its_annex_name_the_reports_handed_in_by_file_with_who_and_when() {
    let app = spawn_app().await;
    let carrier = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    // Mỹ Lý's officer sends its own report; Bắc Lý's comes by road in a file.
    let token = app.user("xa.myly", Role::CommuneOfficer, Some(MY_LY)).await;
    let own: DocId = format!("activity:{MY_LY}:2022").parse().unwrap();
    let mut phone = Client::new("phone", &token);
    tests::submit(&mut phone.replicas.open(own).doc);
    phone.sync(&app).await.unwrap();
    let carried: DocId = format!("activity:{NA_NGOI}:2022").parse().unwrap();
    let mut unit_phone = Client::new("unit-phone", &carrier);
    tests::submit(&mut unit_phone.replicas.open(carried).doc);
    let file = shared::bundle::export(&mut unit_phone.replicas);
    assert_eq!(app.import(&carrier, file).await.0, 200);
    let received = app.received(&carrier).await;
    let at = received
        .iter()
        .find(|r| r.doc == carried.to_string())
        .unwrap()
        .handed_in[0]
        .at;

    let mark = format!(
        "Báo cáo nộp hộ qua tệp (không do đơn vị tự gửi lên): {} ({}, {}).",
        carried.unit.name(),
        tests::display_name(&carrier),
        backend::export::vn_time(at)
    );
    for path in [
        "/api/export/bao-cao-hoat-dong.docx?period=2022&all=true",
        "/api/export/bao-cao-hoat-dong-phu-luc.docx?period=2022&all=true",
    ] {
        let (status, _, bytes) = app.get_bytes(&carrier, path).await;
        assert_eq!(status, 200, "{path}");
        let xml = part(&bytes, "word/document.xml");
        assert!(xml.contains(&mark), "{path}: {mark}");
        assert_eq!(
            xml.matches("nộp hộ qua tệp").count(),
            1,
            "{path}: Mỹ Lý sent its own"
        );
    }
}

/// A part of a DOCX package as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX (zip) file");
    let mut xml = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} missing"))
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// Every value of `attribute` on the `element`s of `xml`.
fn values(xml: &str, element: &str, attribute: &str) -> Vec<usize> {
    xml.split(&format!("<{element} "))
        .skip(1)
        .filter_map(|e| {
            let e = e.split('>').next()?;
            let at = e.find(&format!("{attribute}=\""))? + attribute.len() + 2;
            e[at..].split('"').next()?.parse().ok()
        })
        .collect()
}

#[tokio::test]
async fn the_activity_docx_has_the_parts_of_an_administrative_report() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let token = app.user("xa.myly", Role::CommuneOfficer, Some(MY_LY)).await;
    let id: DocId = format!("activity:{MY_LY}:2022").parse().unwrap();
    let mut phone = Client::new("phone", &token);
    let doc = &mut phone.replicas.open(id).doc;
    add_row(doc, "documents_issued", "r1", 1).unwrap();
    set_cell(doc, "documents_issued", "r1", "code", "12/KH-UBND").unwrap();
    tests::submit(doc);
    phone.sync(&app).await.unwrap();
    let (status, _, bytes) = app
        .get_bytes(
            &reviewer,
            "/api/export/bao-cao-hoat-dong.docx?period=2022&all=true",
        )
        .await;
    assert_eq!(status, 200);
    let body: Vec<String> = paragraphs(&bytes).into_iter().map(|(_, t)| t).collect();
    let at = |text: &str| {
        body.iter()
            .position(|p| p.starts_with(text))
            .unwrap_or_else(|| panic!("«{text}» missing: {body:#?}"))
    };
    // The header: the issuing body with its number, beside the motto with place and date.
    let document = part(&bytes, "word/document.xml");
    let header = &document[..document.find("</w:tbl>").unwrap()];
    for line in [
        "UBND TỈNH NGHỆ AN",
        "BAN VÌ SỰ TIẾN BỘ",
        "CỦA PHỤ NỮ",
        "Số:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nghệ An, ngày",
    ] {
        assert!(header.contains(line), "the header lacks «{line}»");
    }
    // The title is the title: what the report is made of comes after it, in the body.
    let title = at("BÁO CÁO");
    assert_eq!(
        body[title + 1],
        "Kết quả hoạt động vì sự tiến bộ của phụ nữ năm 2022"
    );
    assert!(at("Số liệu tổng hợp từ báo cáo của 1 trên") > title + 1);
    // Nơi nhận beside the signature block, after the last section.
    let recipients = at("Nơi nhận:");
    assert!(recipients > at("IV."), "Nơi nhận closes the report");
    assert!(body[recipients + 1].starts_with("- Ủy ban Quốc gia vì sự tiến bộ của phụ nữ"));
    assert!(body.iter().skip(recipients).any(|p| p == "- Lưu: VT."));
    // The signer's title on the seed's two lines, then the space to sign.
    let signer = body
        .iter()
        .position(|p| p == "TRƯỞNG BAN")
        .unwrap_or_else(|| panic!("the signer's title: {body:#?}"));
    assert_eq!(body[signer + 1], "VÌ SỰ TIẾN BỘ CỦA PHỤ NỮ");
    assert_eq!(body[signer + 2], "(Ký, ghi rõ họ tên và đóng dấu)");
    // A4 margins, page numbers in the footer, every table inside the margins.
    assert_eq!(values(&document, "w:pgMar", "w:left"), [1701]);
    assert_eq!(values(&document, "w:pgMar", "w:right"), [851]);
    let footers: String = (1..=3)
        .filter_map(|n| {
            let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).ok()?;
            let mut xml = String::new();
            zip.by_name(&format!("word/footer{n}.xml"))
                .ok()?
                .read_to_string(&mut xml)
                .ok()?;
            Some(xml)
        })
        .collect();
    assert!(footers.contains("PAGE"), "no page number: {footers}");
    // Every table but the header and the signature block repeats its header row.
    let tables = document.matches("<w:tbl>").count();
    assert!(tables > 2, "the report holds its data tables");
    assert_eq!(
        document.matches("<w:tblHeader").count(),
        tables - 2,
        "{tables} tables"
    );
    let widths = values(&document, "w:tblW", "w:w");
    assert!(widths.len() >= 3, "{widths:?}");
    assert!(widths.iter().all(|w| *w <= 9354), "{widths:?}");
    for table in document.split("<w:tblGrid>").skip(1) {
        let grid = table.split("</w:tblGrid>").next().unwrap();
        let total: usize = values(grid, "w:gridCol", "w:w").iter().sum();
        assert!(
            total <= 9354,
            "a table {total} twips wide overflows the margins"
        );
    }
}
