//! The reviewer's overview over the real server: every unit × report of a period, cells
//! from the projection, counts per district, and the district officer's narrower view.

use shared::access::Role;
use shared::ids::DocId;
use shared::overview::CellStatus;
use shared::report::review::{Decision, Verdict, decide};
use shared::wire::OverviewResponse;
use tests::{Client, TestApp, spawn_app};

async fn overview(app: &TestApp, token: &str, query: &str) -> (u16, Option<OverviewResponse>) {
    app.get_json(token, &format!("/api/overview?{query}")).await
}

#[tokio::test]
async fn the_matrix_of_a_period_with_counts_per_district() {
    let app = spawn_app().await;
    let my_ly = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let bac_ly = app
        .user("canbo.bacly", Role::CommuneOfficer, Some(16819))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let ky_son = app
        .user("huyen.kyson", Role::DistrictOfficer, Some(417))
        .await;

    // Mỹ Lý submits; Bắc Lý submits and is returned.
    for (token, unit) in [(&my_ly, 16816), (&bac_ly, 16819)] {
        let id: DocId = format!("activity:{unit}:2022-H1").parse().unwrap();
        let mut phone = Client::new("phone", token);
        phone.set_count(id, "events_by_committee", 2);
        tests::submit(&mut phone.replicas.open(id).doc);
        phone.sync(&app).await.unwrap();
    }
    let returned: DocId = "activity:16819:2022-H1".parse().unwrap();
    // Its district returns Bắc Lý's report.
    let mut desk = Client::new("desk", &ky_son);
    desk.replicas.open(returned);
    desk.sync(&app).await.unwrap();
    let mut copy = desk.replicas.open(returned).doc.fork();
    let decision = Decision {
        verdict: Verdict::Returned.as_str().to_string(),
        note: "Bổ sung".to_string(),
        by: tests::display_name(&desk.token),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(returned.review()).doc,
        &returned,
        &mut copy,
        decision,
    )
    .unwrap();
    desk.sync(&app).await.unwrap();

    let started = std::time::Instant::now();
    let (status, all) = overview(&app, &reviewer, "period=2022-H1").await;
    println!(
        "overview of every unit built and sent in {:?}",
        started.elapsed()
    );
    assert_eq!(status, 200);
    let all = all.unwrap();
    assert_eq!(all.period_label, "6 tháng đầu năm 2022");
    let cell = |unit: u32| {
        let row = all.rows.iter().find(|r| r.unit_code == unit).unwrap();
        row.cells.iter().flatten().next().unwrap().status
    };
    // The 2022 deadlines have passed by the server's clock: a submission now is late.
    assert_eq!(cell(16816), CellStatus::Late);
    assert_eq!(cell(16819), CellStatus::Returned);
    assert_eq!(cell(16663), CellStatus::NotSubmitted);
    let communes = all
        .rows
        .iter()
        .filter(|r| r.district_name.is_some())
        .count();
    assert_eq!(communes, 460);
    let ky_son_tally = all.districts.iter().find(|d| d.code == Some(417)).unwrap();
    assert_eq!(ky_son_tally.tally.submitted, 2);
    assert_eq!(ky_son_tally.tally.returned, 1);
    assert_eq!(all.total.tally.submitted, 2);
    assert_eq!(all.total.tally.late, 2);

    // Filtered to Kỳ Sơn's communes; and the district officer's own view.
    let (_, filtered) =
        overview(&app, &reviewer, "period=2022-H1&district=417&level=commune").await;
    let filtered = filtered.unwrap();
    assert!(
        filtered
            .rows
            .iter()
            .all(|r| r.district_name.as_deref() == Some("Huyện Kỳ Sơn"))
    );
    let (_, own) = overview(&app, &ky_son, "period=2022-H1").await;
    let own = own.unwrap();
    assert_eq!(
        own.rows.len(),
        filtered.rows.len() + 1,
        "its communes and itself"
    );

    // Refused: officers who do not review, and bad parameters.
    assert_eq!(overview(&app, &my_ly, "period=2022-H1").await.0, 403);
    for bad in [
        "period=2022-H3",
        "period=2022-H1&district=16816",
        "period=2022-H1&level=village",
    ] {
        assert_eq!(overview(&app, &reviewer, bad).await.0, 400, "{bad}");
    }
}
