//! Phụ lục 2 consolidated over the real server: figures from the communes' programme
//! reports rolled up by each row's rule, for the province and one district.

use shared::access::Role;
use shared::ids::DocId;
use shared::report::programme::{set_denominator, set_numerator};
use shared::wire::ConsolidatedResponse;
use tests::{Client, TestApp, spawn_app};

async fn consolidated(
    app: &TestApp,
    token: &str,
    query: &str,
) -> (u16, Option<ConsolidatedResponse>) {
    app.get_json(token, &format!("/api/consolidated?{query}"))
        .await
}

#[tokio::test]
async fn rates_are_rebuilt_from_numerators_for_the_province_and_a_district() {
    let app = spawn_app().await;
    // Two communes of Kỳ Sơn and one of Vinh report 1.1.3 (a female key leader or not).
    for (unit, has_leader) in [(16816, 1), (16819, 0), (16663, 1)] {
        let token = app
            .user(&format!("xa.{unit}"), Role::CommuneOfficer, Some(unit))
            .await;
        let id: DocId = format!("programme:{unit}:2022").parse().unwrap();
        let mut phone = Client::new("phone", &token);
        let doc = &mut phone.replicas.open(id).doc;
        set_numerator(doc, "1.1.3", Some(has_leader)).unwrap();
        set_denominator(doc, "1.1.3", Some(1)).unwrap();
        tests::submit(doc);
        phone.sync(&app).await.unwrap();
    }
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let (status, province) = consolidated(&app, &reviewer, "period=2022").await;
    assert_eq!(status, 200);
    let province = province.unwrap();
    assert_eq!(province.area, "Toàn tỉnh");
    let row = province.rows.iter().find(|r| r.id == "1.1.3").unwrap();
    assert_eq!((row.numerator, row.denominator), (2, 3));
    assert_eq!(row.actual.as_deref(), Some("66,67"));
    assert_eq!((row.reported, row.expected), (3, 460));
    assert_eq!(row.result_2021, "46,3");
    assert_eq!(row.met, Some(true), "66,67 % against a plan of 46,3 %");
    assert!(province.rows.len() >= 31);
    // A department-level row is expected from its lead department only, not from all 18:
    // 3.4 from Sở LĐ-TB&XH, 5.1 from Sở GD-ĐT, 6.2 from every district and Sở LĐ-TB&XH.
    let expected = |id: &str| province.rows.iter().find(|r| r.id == id).unwrap().expected;
    assert_eq!(
        (expected("3.4"), expected("5.1"), expected("6.2")),
        (1, 1, 22)
    );
    assert_eq!(
        (expected("4.2"), expected("2.1")),
        (1, 1),
        "province-only rows"
    );
    // Drill-down: each district's figure under the province's row.
    let ky_son_part = row.parts.iter().find(|p| p.code == 417).unwrap();
    assert_eq!(ky_son_part.name, "Huyện Kỳ Sơn");
    assert_eq!(ky_son_part.value.as_deref(), Some("50,00"));
    assert_eq!(ky_son_part.reported, 2);
    assert_eq!(row.parts.len(), 21, "every district");

    let (_, ky_son) = consolidated(&app, &reviewer, "period=2022&district=417").await;
    let ky_son = ky_son.unwrap();
    assert_eq!(ky_son.area, "Huyện Kỳ Sơn");
    let row = ky_son.rows.iter().find(|r| r.id == "1.1.3").unwrap();
    assert_eq!(row.actual.as_deref(), Some("50,00"));
    assert_eq!(row.reported, 2);
    // …and each commune's own figure under the district's.
    let commune = |code: u32| row.parts.iter().find(|p| p.code == code).unwrap();
    assert_eq!(commune(16816).value.as_deref(), Some("1/1"));
    assert_eq!(commune(16819).value.as_deref(), Some("0/1"));
    assert_eq!(commune(16822).value, None, "not reported");
    assert!(
        row.parts.iter().all(|p| p.code != 16663),
        "Vinh's commune is not Kỳ Sơn's"
    );

    // A district officer gets its own district, and is refused another; a commune, nothing.
    let district = app
        .user("huyen.vinh", Role::DistrictOfficer, Some(412))
        .await;
    let (status, _) = consolidated(&app, &district, "period=2022&district=417").await;
    assert_eq!(status, 403);
    let (_, own) = consolidated(&app, &district, "period=2022").await;
    let own = own.unwrap();
    assert_eq!(own.area, "Thành phố Vinh");
    assert_eq!(
        own.rows
            .iter()
            .find(|r| r.id == "1.1.3")
            .unwrap()
            .actual
            .as_deref(),
        Some("100,00")
    );
    let commune = app.user("xa.khac", Role::CommuneOfficer, Some(16822)).await;
    assert_eq!(consolidated(&app, &commune, "period=2022").await.0, 403);
    assert_eq!(
        consolidated(&app, &reviewer, "period=2022&district=16816")
            .await
            .0,
        400
    );
}

/// "Gồm cả báo cáo chưa duyệt" means the submitted reports not yet approved, never a
/// draft nobody handed in: a commune still typing does not move the province's figure.
#[tokio::test]
async fn a_draft_never_submitted_does_not_count_even_when_every_report_is_asked_for() {
    let app = spawn_app().await;
    for (unit, leader, submitted) in [(16816, 1, true), (16819, 0, false)] {
        let token = app
            .user(&format!("xa.{unit}"), Role::CommuneOfficer, Some(unit))
            .await;
        let id: DocId = format!("programme:{unit}:2022").parse().unwrap();
        let mut phone = Client::new("phone", &token);
        let doc = &mut phone.replicas.open(id).doc;
        set_numerator(doc, "1.1.3", Some(leader)).unwrap();
        set_denominator(doc, "1.1.3", Some(1)).unwrap();
        if submitted {
            tests::submit(doc);
        }
        phone.sync(&app).await.unwrap();
    }
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let (_, all) = consolidated(&app, &reviewer, "period=2022").await;
    let row = all
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.id == "1.1.3")
        .unwrap();
    assert_eq!(
        (row.numerator, row.denominator, row.reported),
        (1, 1, 1),
        "{row:?}"
    );
    assert_eq!(row.actual.as_deref(), Some("100,00"));
}
