//! The plan file against the seed, row by row.

use super::*;
use crate::plan::value::{Decimal, PlanValue};

/// A row of Phụ lục 2 as printed: id, printed number, unit, result 2021, plan 2022, lead ids.
type PrintedRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const INDICATORS: [PrintedRow; 31] = [
    ("1.1", "1", "", "", "", &[]),
    ("1.1.1", "1.1", "cơ quan", "0", "0", &["noi_vu"]),
    ("1.1.2", "1.2", "(%)", "66,67", "66,67", &["noi_vu"]),
    ("1.1.3", "1.3", "(%)", "46,3", "46,3", &["noi_vu"]),
    ("2.1", "1", "%", "41", "41", &["ldtbxh", "thong_ke"]),
    ("2.2", "2", "(%)", "36,5", "44", &["ldtbxh", "thong_ke"]),
    ("2.3", "3", "(%)", "31,33", "31,5", &["khdt"]),
    ("3.1", "1", "lần", "1,48", "1,48", &["thong_ke", "vhtt"]),
    (
        "3.2a",
        "2,1",
        "(%)",
        "84,68",
        "65",
        &[
            "vhtt",
            "y_te",
            "gddt",
            "tu_phap",
            "hlhpn",
            "social_assistance_facilities",
        ],
    ),
    ("3.2a.1", "2.1.1", "(%)", "84,76", "65", &["vhtt"]),
    (
        "3.2a.2",
        "2.1.2",
        "(%)",
        "84,6",
        "65",
        &[
            "y_te",
            "gddt",
            "tu_phap",
            "hlhpn",
            "social_assistance_facilities",
        ],
    ),
    (
        "3.2b",
        "2,2",
        "(%)",
        "93,8",
        "50",
        &[
            "vhtt",
            "y_te",
            "gddt",
            "tu_phap",
            "hlhpn",
            "social_assistance_facilities",
        ],
    ),
    ("3.2b.1", "2.2.1", "(%)", "87,6", "50", &["vhtt"]),
    (
        "3.2b.2",
        "2.2.2",
        "(%)",
        "100",
        "50",
        &[
            "y_te",
            "gddt",
            "tu_phap",
            "hlhpn",
            "social_assistance_facilities",
        ],
    ),
    ("3.3", "3", "(%)", "87,5", "85", &["ldtbxh"]),
    ("3.4", "4", "(%)", "50", "55", &["ldtbxh"]),
    ("4.1", "1", "(%)", "117/100", "114/100", &["y_te"]),
    ("4.2", "2", "(%)", "8,5", ">25", &["y_te"]),
    ("4.3", "3", "ca sinh/1000", "4,01", "<10", &["y_te"]),
    ("4.4", "4", "(%)", "0", "0", &["y_te"]),
    (
        "5.1",
        "1",
        "%",
        "Nội dung về giới, bình đẳng giới từng bước được đưa vào giảng dạy, lồng ghép nội dung sinh hoạt trong các trường học",
        "100",
        &["gddt", "teacher_colleges"],
    ),
    ("5.2", "2", "", "", "", &["gddt", "teacher_colleges"]),
    (
        "5.2a",
        "2,1",
        "%",
        "96,98",
        "97,5",
        &["gddt", "teacher_colleges"],
    ),
    (
        "5.2b",
        "2,2",
        "%",
        "96,8",
        "96,9",
        &["gddt", "teacher_colleges"],
    ),
    ("5.3", "3", "%", "30,61", "33", &["ldtbxh"]),
    ("5.4a", "4", "%", "43,8", "45", &["thong_ke"]),
    ("5.4b", "", "%", "29,02", "29", &["thong_ke"]),
    ("6.1", "1", "%", "50", "52", &["ldtbxh"]),
    ("6.2", "2", "%", "100", "100", &["ldtbxh"]),
    ("6.3", "3", "%", "80", "85", &["tttt"]),
    ("6.4", "4", "%", "100", "100", &["tttt"]),
];

#[test]
fn every_indicator_row_as_printed() {
    let plan = plan();
    assert_eq!(plan.indicators.len(), INDICATORS.len());
    for (row, (id, printed, unit, result, target, lead)) in plan.indicators.iter().zip(INDICATORS) {
        assert_eq!(row.id, id);
        assert_eq!(row.printed, printed, "{id}");
        assert_eq!(row.unit, unit, "{id}");
        assert_eq!(row.result_2021.to_string(), result, "{id}");
        assert_eq!(row.plan_2022.to_string(), target, "{id}");
        assert_eq!(row.lead.ids, lead, "{id}");
    }
}

#[test]
fn the_awkward_shapes_are_typed() {
    let plan = plan();
    let row = |id| plan.indicator(id).unwrap();
    assert!(matches!(row("1.1.2").result_2021, PlanValue::Number(d) if d.to_string() == "66,67"));
    assert!(matches!(row("4.1").result_2021, PlanValue::Ratio(..)));
    assert_eq!(row("4.1").unit_kind, Some(UnitKind::Ratio));
    assert!(matches!(
        row("4.2").plan_2022,
        PlanValue::Bound(value::Bound::Above, _)
    ));
    assert!(matches!(
        row("4.3").plan_2022,
        PlanValue::Bound(value::Bound::Below, _)
    ));
    assert_eq!(row("4.3").unit_kind, Some(UnitKind::PerThousand));
    assert!(matches!(row("5.1").result_2021, PlanValue::Text(_)));
    assert_eq!(row("1.1").kind, IndicatorKind::Heading);
    assert_eq!(row("5.2").kind, IndicatorKind::Heading);
    assert!(row("5.2").text.contains("đạt trên 90% vào năm 2025"));
    let children: Vec<&str> = plan.children("3.2a").map(|i| i.id.as_str()).collect();
    assert_eq!(children, ["3.2a.1", "3.2a.2"]);
    assert_eq!(row("3.2a").rollup, Rollup::Children);
    assert_eq!(row("1.1.3").rollup, Rollup::Rate);
    assert_eq!(row("1.1.3").levels, [UnitLevel::Commune]);
    assert_eq!(row("2.1").rollup, Rollup::ProvinceOnly);
    assert_eq!(row("6.4").direction, Direction::Keep);
    assert!(row("1.1.2").lead.inherited && row("1.1.2").lead.text.is_empty());
    assert_eq!(plan.objectives.len(), 6);
    assert_eq!(
        plan.objectives[2].title,
        "Mục tiêu 3: Trong đời sống gia đình và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"
    );
}

#[test]
fn the_plan_check_flags_targets_against_their_direction() {
    let flagged: Vec<(&str, DirectionIssue)> = plan()
        .direction_issues()
        .into_iter()
        .map(|(i, issue)| (i.id.as_str(), issue))
        .collect();
    use DirectionIssue::*;
    assert_eq!(
        flagged,
        [
            ("2.2", AgainstDirection),
            ("3.2a", AgainstDirection),
            ("3.2a.1", AgainstDirection),
            ("3.2a.2", AgainstDirection),
            ("3.2b", AgainstDirection),
            ("3.2b.1", AgainstDirection),
            ("3.2b.2", AgainstDirection),
            ("3.3", AgainstDirection),
            ("4.2", BoundAgainstDirection),
            ("4.3", BoundAlreadyMet),
            ("5.4b", AgainstDirection),
        ]
    );
    assert!(AgainstDirection.message().contains("ngược hướng"));
}

/// Phụ lục 1: number and lead agencies of all 40 tasks.
const TASKS: [(&str, &[&str]); 40] = [
    ("1.1", &["tttt"]),
    ("1.2", &["ldtbxh"]),
    ("1.3", &["ldtbxh"]),
    ("1.4", &["vhtt"]),
    ("1.5", &["tu_phap"]),
    ("1.6", &["noi_vu"]),
    ("1.7", &["ldtbxh", "noi_vu", "vhtt", "hlhpn"]),
    ("1.8", &["ldtbxh", "hlhpn"]),
    ("1.9", &["ldld"]),
    ("1.10", &["y_te"]),
    ("1.11", &["gddt"]),
    ("1.12", &["vhtt"]),
    ("1.13", &["dan_toc"]),
    ("1.14", &["cong_an"]),
    ("1.15", &["departments", "localities"]),
    ("2.1.1", &["noi_vu"]),
    ("2.1.2", &["noi_vu", "ldtbxh"]),
    (
        "2.1.3",
        &["ldtbxh", "ban_to_chuc", "noi_vu", "thong_ke", "hlhpn"],
    ),
    ("2.1.4", &["departments", "localities"]),
    ("2.2.1", &["ldtbxh"]),
    ("2.2.2", &["ldtbxh", "hlhpn", "nhcsxh"]),
    ("2.2.3", &["ldtbxh", "ldld", "bhxh"]),
    ("2.3.1", &["ldtbxh", "vhtt", "cong_an", "hlhpn"]),
    ("2.3.2", &["dan_toc", "vhtt"]),
    ("2.3.3", &["vhtt", "ldtbxh", "tu_phap", "cong_an"]),
    ("2.3.4", &["cong_an"]),
    ("2.4.1", &["y_te"]),
    ("2.4.2", &["y_te"]),
    ("2.4.3", &["y_te"]),
    ("2.4.4", &["ldtbxh", "ldld", "y_te"]),
    ("2.5.1", &["ban_to_chuc", "noi_vu", "gddt"]),
    ("2.5.2", &["ldtbxh"]),
    ("2.5.3", &["khcn"]),
    ("2.5.4", &["ngoai_vu", "ldtbxh", "hlhpn"]),
    ("2.6.1", &["departments", "localities", "press"]),
    ("2.6.2", &["tttt"]),
    ("3.1", &["vstbpn_committees"]),
    ("3.2", &["ldtbxh"]),
    ("4.1", &["ldtbxh", "vstbpn_province_members"]),
    ("4.2", &["departments", "localities"]),
];

#[test]
fn the_forty_tasks_with_their_lead_agencies() {
    let plan = plan();
    assert_eq!(plan.tasks.len(), 40);
    for (task, (number, lead)) in plan.tasks.iter().zip(TASKS) {
        assert_eq!(task.number, number);
        assert_eq!(task.lead.ids, lead, "{number}");
        assert!(!task.content.is_empty());
    }
    let groups: Vec<&str> = plan.task_groups.iter().map(|g| g.number.as_str()).collect();
    assert_eq!(
        groups,
        ["1", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3", "4"]
    );
    let task = |n: &str| plan.tasks.iter().find(|t| t.number == n).unwrap();
    assert_eq!(task("1.1").content.len(), 3);
    assert_eq!(task("1.10").content.len(), 2);
    assert!(task("1.1").content[2].ends_with("kinh tế - xã hội của từng địa phương."));
    assert_eq!(task("1.1").lead.text, "Sở Thông tin và Truyền thông");
    assert_eq!(
        task("1.9").cooperating.ids,
        ["enterprises", "departments", "individuals", "localities"]
    );
    assert_eq!(
        plan.agency("ldtbxh").unwrap().name,
        "Sở Lao động - Thương binh và Xã hội"
    );
    assert_eq!(plan.tasks_of("y_te").count(), 5);
    assert_eq!(plan.tasks_of("ldld").count(), 3);
}

#[test]
fn timelines_are_parsed_with_their_wording() {
    let plan = plan();
    let kind = |n: &str| {
        plan.tasks
            .iter()
            .find(|t| t.number == n)
            .unwrap()
            .timeline
            .kind
    };
    assert_eq!(
        kind("1.3"),
        TimelineKind::DateRange {
            from: Date::new(2022, 11, 15),
            to: Date::new(2022, 12, 15)
        }
    );
    assert_eq!(
        kind("1.4"),
        TimelineKind::Month {
            month: 6,
            year: 2022
        }
    );
    assert_eq!(kind("2.1.2"), TimelineKind::PerInspectionPlan);
    assert_eq!(kind("1.7"), TimelineKind::PerApprovedPlan);
    assert_eq!(kind("2.2.1"), TimelineKind::PerApprovedPlan);
    assert_eq!(kind("1.1"), TimelineKind::AllYear);
    let all_year = plan
        .tasks
        .iter()
        .filter(|t| t.timeline.kind == TimelineKind::AllYear)
        .count();
    assert_eq!(all_year, 29);
    assert_eq!(
        plan.tasks[0].timeline.text,
        "Thường xuyên trong năm; trong các dịp, ngày lễ liên quan"
    );
    assert!(Timeline::parse("Khi nào rảnh").is_err());
}

#[test]
fn the_activity_outline_follows_phu_luc_3() {
    let outline = &plan().activity_outline;
    let numbers: Vec<&str> = outline.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(
        numbers,
        [
            "I", "II", "II.1", "II.2", "II.3", "II.4", "II.4.1", "II.4.2", "II.4.3", "II.5",
            "II.5.1", "II.5.2", "III", "IV", "signer"
        ]
    );
    let field = |key: &str| {
        outline
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.key == key)
            .unwrap()
    };
    let documents = field("documents_issued");
    assert_eq!(documents.kind, FieldKind::Table);
    let columns: Vec<&str> = documents.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        columns,
        [
            "Ký hiệu văn bản",
            "Ngày ban hành",
            "Cơ quan ban hành",
            "Trích yếu nội dung văn bản"
        ]
    );
    let organisation = field("organisation");
    assert_eq!(
        (organisation.rows.len(), organisation.columns.len()),
        (3, 5)
    );
    assert_eq!(organisation.rows[0].label, "Cấp Sở ngành/tỉnh");
    assert_eq!(
        field("proposals_national").label,
        "Với UBQG vì sự tiến bộ của phụ nữ Việt Nam"
    );
    assert!(field("signer").required);
}

#[test]
fn a_malformed_plan_file_names_the_line() {
    let good = super::PLAN_FILE;
    // A syntax error: the JSON parser's line.
    let broken = good.replacen("\"year\": 2022,", "\"year\": 2022", 1);
    let err = Plan::parse(&broken).unwrap_err();
    assert_eq!(err.line, 3, "{err}");
    // An unknown agency in task 1.4: the line of that task.
    let at = good.find("\"number\": \"1.4\"").unwrap();
    let line = good[..at].lines().count();
    let unknown = format!(
        "{}{}",
        &good[..at],
        good[at..].replacen("\"vhtt\"", "\"so_khong_co\"", 1)
    );
    let err = Plan::parse(&unknown).unwrap_err();
    assert_eq!(err.line, line, "{err}");
    assert!(err.message.contains("so_khong_co"));
    // A value that does not parse: the line of the row.
    let bad_value = good.replacen(
        "\"result_2021\": \"66,67\"",
        "\"result_2021\": \"66,6,7\"",
        1,
    );
    let err = Plan::parse(&bad_value).unwrap_err();
    assert_eq!(err.line, line_of(good, "\"id\": \"1.1.2\""), "{err}");
    assert!(err.to_string().starts_with("plan file, line "));
}

#[test]
fn the_compact_form_is_the_plan_file() {
    let written = to_postcard(PLAN_FILE).unwrap();
    assert!(
        written == PLAN_POSTCARD,
        "shared/data/plan-2022.postcard is not plan-2022.json's: run `cargo run -p shared --example plan_postcard`"
    );
    // The compact form is the plan file with the tasks' texts left out, and the texts no
    // page of the PWA shows; with the content the server hands out put back and those
    // texts, it is the whole plan again.
    let full = Plan::parse(PLAN_FILE).unwrap();
    let mut compact = Plan::from_postcard(PLAN_POSTCARD).unwrap();
    assert!(compact.tasks.iter().all(|t| t.content.is_empty()));
    let lines = texts_as_lines(&full.tasks);
    for (task, whole) in compact.tasks.iter_mut().zip(&full.tasks) {
        assert!(task.lead.text.is_empty() && task.cooperating.text.is_empty());
        task.content = bullets(&lines, &task.number).map(String::from).collect();
        task.lead.text = whole.lead.text.clone();
        task.cooperating.text = whole.cooperating.text.clone();
    }
    for (group, whole) in compact.task_groups.iter_mut().zip(&full.task_groups) {
        group.title = whole.title.clone();
    }
    assert_eq!(compact, full);
}

#[test]
fn a_cut_compact_form_is_an_error() {
    let err = Plan::from_postcard(&PLAN_POSTCARD[..PLAN_POSTCARD.len() / 2]).unwrap_err();
    assert_eq!(err.line, 1, "{err}");
}

#[test]
fn a_bound_is_met_in_the_rows_direction() {
    let row = |id: &str| plan().indicators.iter().find(|i| i.id == id).unwrap();
    let n = |v: i64| Decimal::from_int(v);
    // 4.2: maternal mortality, to lower, printed ">25": 30 is not met, 20 is.
    let maternal = row("4.2");
    assert_eq!(maternal.target_met(n(30)), Some(false));
    assert_eq!(maternal.target_met(n(20)), Some(true));
    // A number target in the row's direction, for comparison: 4.1 to lower, 114/100.
    let births = row("4.1");
    assert_eq!(births.target_met(n(112)), Some(true));
    assert_eq!(births.target_met(n(117)), Some(false));
    // Shown as the plan prints it.
    assert_eq!(births.show(n(112)), "112/100");
    assert_eq!(maternal.show(n(20)), "20");
}

#[test]
fn rows_are_named_as_the_seed_numbers_them_never_by_their_ids() {
    let plan = plan();
    let reference = |id: &str| plan.reference(plan.indicator(id).unwrap());
    assert_eq!(reference("3.2a.1"), "III.2.1.1");
    assert_eq!(reference("1.1.3"), "I.1.3");
    assert_eq!(reference("6.3"), "VI.3");
    // The seed leaves 5.4b unnumbered: its objective names it.
    assert_eq!(reference("5.4b"), "V");
}

/// Phụ lục 3's prompts as the seed prints them, with the variants for departments and
/// localities, and II.4.2's rows in each one's wording.
#[test]
fn phu_luc_3_keeps_every_prompt_of_the_seed() {
    let plan = plan();
    let section = |n: &str| {
        plan.activity_outline
            .iter()
            .find(|s| s.number == n)
            .unwrap_or_else(|| panic!("section {n}"))
    };
    let all = |n: &str| {
        section(n)
            .prompts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(section("II.2").prompts.len(), 5);
    for needle in [
        "15 năm thi hành Luật Bình đẳng giới",
        "Kế hoạch 379/KH-UBND ngày 13/7/2021",
        "Kế hoạch số 139/KH-UBND ngày 22/3/2021",
        "Chương trình truyền thông về bình đẳng giới đến năm 2030",
        "đại dịch COVID-19",
        "bảo vệ, hỗ trợ phụ nữ và trẻ em gái bị bạo lực",
    ] {
        assert!(all("II.2").contains(needle), "II.2: {needle}");
    }
    assert!(all("II.3").contains("(Tọa đàm, Hội thảo, triển lãm ảnh...)"));
    assert!(all("II.3").contains("nội dung các lớp tập huấn"));
    assert!(all("II.4.1").contains("Kế hoạch số 221/KH-UBND ngày 20/4/2021"));
    let cadres = section("II.4.2");
    let for_level = |level| {
        cadres
            .prompts
            .iter()
            .filter(|p| p.is_for(Some(level)))
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
    };
    assert!(for_level(UnitLevel::Department)[0].starts_with("Đối với sở, ngành"));
    assert_eq!(for_level(UnitLevel::Department).len(), 1);
    assert!(for_level(UnitLevel::Commune)[0].contains("cấp ủy đảng, chính quyền, đoàn thể"));
    let grid = cadres
        .fields
        .iter()
        .find(|f| f.key == "women_cadres")
        .unwrap();
    assert!(grid.by_level, "each level's cadres are kept apart");
    let labels = |level| {
        grid.rows
            .iter()
            .map(|r| r.label_at(Some(level)).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        labels(UnitLevel::District),
        [
            "Tham gia cấp ủy đảng",
            "Tham gia chính quyền",
            "Tham gia đoàn thể",
            "Được quy hoạch chức danh lãnh đạo"
        ]
    );
    assert_eq!(
        labels(UnitLevel::Department)[1],
        "Lãnh đạo chủ chốt cấp Sở, ngành"
    );
    // The rows the seed leaves unclear say what a district enters.
    let note = plan
        .indicator("3.2a.1")
        .unwrap()
        .note_for(Some(UnitLevel::District))
        .unwrap();
    assert!(
        note.starts_with("Chỉ nhập các ca do cấp huyện trực tiếp"),
        "{note}"
    );
    // Every row the officer fills says what to enter in it.
    for row in plan.indicators.iter().filter(|i| i.is_reported()) {
        for level in &row.levels {
            assert!(
                !row.entry_rule(Some(*level)).is_empty(),
                "{} for {level:?}",
                row.id
            );
        }
    }
    let rule = |id: &str, level| plan.indicator(id).unwrap().entry_rule(Some(level));
    assert_eq!(
        rule("1.1.3", UnitLevel::Commune),
        "Trả lời cho riêng đơn vị mình."
    );
    assert_eq!(rule("3.2a.1", UnitLevel::District), note);
    assert!(rule("3.2a.1", UnitLevel::Commune).starts_with("Chỉ các ca do xã phát hiện"));
    assert!(rule("4.1", UnitLevel::District).starts_with("Số trẻ trai và số trẻ gái"));
    assert!(rule("2.1", UnitLevel::Department).starts_with("Số liệu chung của cả tỉnh"));
}
