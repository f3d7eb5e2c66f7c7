//! The export benchmark (`cargo xtask bench` runs it): every unit that owes the 2022
//! activity and programme reports (481 and more) files a filled report, the province
//! approves every one, then each official file is downloaded five times from the real
//! server on SQLite. Prints each file's size and median and slowest time, and the
//! consolidated table's; never pass/fail. Reports reach the server as one handed-in file
//! (reviewers may hand in the reports of the units they review), decisions by sync.

use shared::access::Role;
use shared::calendar::calendar;
use shared::report::review::{Decision, Verdict, decide};
use shared::report::{activity, programme};
use shared::units::units;
use shared::vocabulary::{Period, ReportKind};
use std::time::Instant;
use tests::{Client, spawn_app};

#[tokio::main]
async fn main() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut desk_all = Client::new("desk", &reviewer);
    let period = Period::Year(2022);
    let mut ids = Vec::new();
    for due in calendar().iter().filter(|d| {
        d.period == period && matches!(d.kind, ReportKind::Activity | ReportKind::ProgrammeResults)
    }) {
        for unit in units().all() {
            if !due.filed_by.contains(&unit.level) {
                continue;
            }
            let id = due.doc_id(unit.code);
            let doc = &mut desk_all.replicas.open(id).doc;
            let n = u64::from(unit.code.get() % 13);
            match id.kind {
                ReportKind::Activity => {
                    activity::set_count(doc, "events_by_committee", Some(n)).unwrap();
                    activity::set_count(doc, "participants_female", Some(10 * n)).unwrap();
                    activity::set_grid(doc, "organisation", "commune", "members", Some(n)).unwrap();
                    activity::set_narrative(
                        doc,
                        "general_situation",
                        &format!(
                            "Tình hình chung của {}: ổn định, có chuyển biến.",
                            unit.name
                        ),
                    )
                    .unwrap();
                    activity::set_narrative(
                        doc,
                        "difficulties",
                        "Thiếu kinh phí, cán bộ kiêm nhiệm.",
                    )
                    .unwrap();
                    activity::add_row(doc, "documents_issued", "r1", 1).unwrap();
                    activity::set_cell(doc, "documents_issued", "r1", "code", "12/KH-UBND")
                        .unwrap();
                }
                _ => {
                    for row in programme::rows_for(unit.code) {
                        // A yes/no row is 1 of 1 or 0 of 1; any other row n of 5.
                        let (numerator, denominator) = match row.answer {
                            shared::plan::Answer::YesNo => (n % 2, 1),
                            shared::plan::Answer::Figures => (n % 5, 5),
                        };
                        programme::set_numerator(doc, &row.id, Some(numerator)).unwrap();
                        programme::set_denominator(doc, &row.id, Some(denominator)).unwrap();
                    }
                }
            }
            tests::submit(doc);
            ids.push(id);
        }
    }
    // Handed in as files of 100 reports each (a file is at most 32 MiB).
    let started = Instant::now();
    let mut bytes = 0;
    for chunk in ids.chunks(100) {
        let mut carrier = Client::new("carrier", &reviewer);
        for id in chunk {
            let doc = desk_all.replicas.open(*id).doc.fork();
            carrier.replicas.insert(*id, doc, Default::default());
        }
        let file = shared::bundle::export(&mut carrier.replicas);
        bytes += file.len();
        let (status, result) = app.import(&reviewer, file).await;
        assert_eq!(status, 200);
        let skipped = result.map(|r| r.skipped).unwrap_or_default();
        assert!(skipped.is_empty(), "{skipped:?}");
    }
    println!(
        "{} reports handed in ({bytes} bytes of files) in {:.1} s",
        ids.len(),
        started.elapsed().as_secs_f64()
    );
    // Approved from desks of 100 reports each, as a reviewer would over days; by another
    // reviewer than the one who handed the files in, who may not approve them.
    let approver = app.user("pheduyet", Role::ProvincialReviewer, None).await;
    let mut sent = 0;
    for chunk in ids.chunks(100) {
        let mut desk = Client::new("desk", &approver);
        for id in chunk {
            let mut report = desk_all.replicas.open(*id).doc.fork();
            desk.replicas.insert(*id, report.fork(), Default::default());
            desk.replicas.open(id.review());
            let decision = Decision {
                verdict: Verdict::Approved.as_str().to_string(),
                by: tests::display_name(&desk.token),
                ..Decision::default()
            };
            decide(
                &mut desk.replicas.open(id.review()).doc,
                id,
                &mut report,
                decision,
            )
            .unwrap();
        }
        let rounds = desk.sync(&app).await.unwrap();
        sent += rounds.iter().map(|r| r.request + r.response).sum::<usize>();
        assert!(desk.refused.is_empty(), "{:?}", desk.refused);
    }
    println!("decisions synced: {sent} bytes of bodies");
    println!("{} reports approved", ids.len());

    for path in [
        "/api/consolidated?period=2022&approved=true",
        "/api/export/phu-luc-2.xlsx?period=2022",
        "/api/export/tinh-hinh-nop.xlsx?period=2022",
        "/api/export/bao-cao-hoat-dong.docx?period=2022",
        "/api/export/bao-cao-hoat-dong-phu-luc.docx?period=2022",
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let (status, _, body) = app.get_bytes(&reviewer, path).await;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(status, 200, "{path}");
            size = body.len();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{path}: {size} bytes, median {:.0} ms, slowest {:.0} ms (5 runs)",
            times[2], times[4]
        );
    }
}
