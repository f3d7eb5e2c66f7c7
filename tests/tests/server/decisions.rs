//! Decisions are facts: a review document only grows. A district officer cannot rewrite
//! the province's return into an approval, the province decides on a commune's report
//! only after its district approved it, and no one can approve a version that was never
//! submitted; each is refused in Vietnamese and the decision in force stays what it was.

use automerge::transaction::Transactable;
use automerge::{ObjType, ROOT, ReadDoc};
use shared::access::Role;
use shared::ids::DocId;
use shared::report::activity::set_count;
use shared::report::review::{Decision, ReportState, Verdict, decide};
use tests::{Client, TestApp, spawn_app};

fn report() -> DocId {
    "activity:16816:2022".parse().unwrap()
}

async fn state(app: &TestApp, token: &str) -> ReportState {
    let received = app.received(token).await;
    received
        .iter()
        .find(|r| r.doc == report().to_string())
        .expect("the report is listed")
        .state
}

#[tokio::test]
async fn a_district_cannot_rewrite_the_provinces_return_into_an_approval() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let district = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(417))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut phone = Client::new("phone", &officer);
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();
    app.district_approves(report()).await;

    // The province returns the report its district approved.
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(report());
    desk.replicas.open(report().review());
    desk.sync(&app).await.unwrap();
    let mut copy = desk.replicas.open(report()).doc.fork();
    let returned = Decision {
        verdict: Verdict::Returned.as_str().to_string(),
        note: "Bổ sung số liệu.".to_string(),
        by: tests::display_name(&desk.token),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(report().review()).doc,
        &report(),
        &mut copy,
        returned,
    )
    .unwrap();
    desk.sync(&app).await.unwrap();
    assert_eq!(state(&app, &reviewer).await, ReportState::Returned);

    // The district turns that return into an approval in its copy of the review.
    let mut kyson = Client::new("kyson", &district);
    kyson.replicas.open(report());
    kyson.replicas.open(report().review());
    kyson.sync(&app).await.unwrap();
    let doc = &mut kyson.replicas.open(report().review()).doc;
    let (_, list) = doc.get(ROOT, "decisions").unwrap().unwrap();
    assert_eq!(doc.length(&list), 2);
    let (_, provinces) = doc.get(&list, 1).unwrap().unwrap();
    doc.put(&provinces, "verdict", "approved").unwrap();
    kyson.sync(&app).await.unwrap();
    let (_, why) = kyson.refused.first().cloned().expect("refused");
    assert!(why.contains("không được xoá hay sửa"), "{why}");
    assert_eq!(state(&app, &reviewer).await, ReportState::Returned);
}

#[tokio::test]
async fn a_district_cannot_lift_the_provinces_return_nor_sign_with_the_reviewers_name() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let district = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(417))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut phone = Client::new("phone", &officer);
    set_count(
        &mut phone.replicas.open(report()).doc,
        "events_by_committee",
        Some(2),
    )
    .unwrap();
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();
    app.district_approves(report()).await;
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(report());
    desk.replicas.open(report().review());
    desk.sync(&app).await.unwrap();
    let mut copy = desk.replicas.open(report()).doc.fork();
    let returned = Decision {
        verdict: Verdict::Returned.as_str().to_string(),
        note: "Bổ sung số liệu.".to_string(),
        by: tests::display_name(&reviewer),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(report().review()).doc,
        &report(),
        &mut copy,
        returned,
    )
    .unwrap();
    desk.sync(&app).await.unwrap();
    assert_eq!(state(&app, &reviewer).await, ReportState::Returned);

    // Appended, not rewritten: an approval of the version the province returned.
    let refused = approve_as(&app, &district).await;
    let (_, why) = refused.first().cloned().expect("refused");
    assert!(why.contains("Cấp tỉnh đã quyết định"), "{why}");
    // Signed with the provincial reviewer's name, to pass as the province's.
    let refused = approve_signed(&app, &district, &tests::display_name(&reviewer)).await;
    let (_, why) = refused.first().cloned().expect("refused");
    assert!(why.contains("tên của chính tài khoản"), "{why}");
    assert_eq!(state(&app, &reviewer).await, ReportState::Returned);

    // The commune corrects and submits again: the district reviews the new version first.
    phone.sync(&app).await.unwrap();
    set_count(
        &mut phone.replicas.open(report()).doc,
        "events_by_committee",
        Some(3),
    )
    .unwrap();
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();
    assert!(approve_as(&app, &district).await.is_empty());
    assert_eq!(state(&app, &reviewer).await, ReportState::Approved);
}

#[tokio::test]
async fn a_draft_never_submitted_cannot_be_approved() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let district = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(417))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut phone = Client::new("phone", &officer);
    set_count(
        &mut phone.replicas.open(report()).doc,
        "events_by_committee",
        Some(2),
    )
    .unwrap();
    phone.sync(&app).await.unwrap();

    // The district writes an approval of the draft's version straight into the review.
    let mut kyson = Client::new("kyson", &district);
    kyson.replicas.open(report());
    kyson.replicas.open(report().review());
    kyson.sync(&app).await.unwrap();
    let heads: Vec<String> = kyson
        .replicas
        .open(report())
        .doc
        .get_heads()
        .iter()
        .map(|h| h.to_string())
        .collect();
    let doc = &mut kyson.replicas.open(report().review()).doc;
    let (_, list) = doc.get(ROOT, "decisions").unwrap().unwrap();
    let d = doc.insert_object(&list, 0, ObjType::Map).unwrap();
    doc.put(&d, "verdict", "approved").unwrap();
    let h = doc.put_object(&d, "heads", ObjType::List).unwrap();
    for (i, head) in heads.iter().enumerate() {
        doc.insert(&h, i, head.as_str()).unwrap();
    }
    doc.put(&d, "note", "").unwrap();
    doc.put_object(&d, "comments", ObjType::Map).unwrap();
    doc.put(&d, "by", tests::display_name(&district).as_str())
        .unwrap();
    doc.put(&d, "at", 0i64).unwrap();
    kyson.sync(&app).await.unwrap();
    let (_, why) = kyson.refused.first().cloned().expect("refused");
    assert!(why.contains("đã nộp"), "{why}");
    assert_ne!(state(&app, &reviewer).await, ReportState::Approved);
}

/// A commune's report goes through its district first: the province's decision on a
/// version waits for the district's approval of it, and the levels on record say who
/// decided at which level.
#[tokio::test]
async fn the_province_cannot_decide_on_a_communes_report_before_its_district_approved() {
    use shared::report::decision_order::ReviewLevel;
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut phone = Client::new("phone", &officer);
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();
    let levels = format!("/api/documents/{}/decision-levels", report());
    let (_, none) = app
        .get_json::<Vec<Option<ReviewLevel>>>(&reviewer, &levels)
        .await;
    assert_eq!(none.unwrap(), vec![]);

    let refused = approve_as(&app, &reviewer).await;
    let (_, why) = refused.first().cloned().expect("refused");
    assert!(why.contains("cấp huyện thẩm định trước"), "{why}");
    assert_eq!(state(&app, &reviewer).await, ReportState::Submitted);

    app.district_approves(report()).await;
    assert!(approve_as(&app, &reviewer).await.is_empty());
    assert_eq!(state(&app, &reviewer).await, ReportState::Approved);
    let (_, both) = app
        .get_json::<Vec<Option<ReviewLevel>>>(&reviewer, &levels)
        .await;
    assert_eq!(
        both.unwrap(),
        vec![Some(ReviewLevel::District), Some(ReviewLevel::Province)]
    );
    // The unit itself does not read who decided at which level.
    let (status, _) = app
        .get_json::<Vec<Option<ReviewLevel>>>(&officer, &levels)
        .await;
    assert_eq!(status, 403);
}

/// A reviewer who hands in a unit's file does not approve what they handed in; another
/// reviewer may.
#[tokio::test]
async fn whoever_handed_a_report_in_cannot_approve_it() {
    let app = spawn_app().await;
    let carrier = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let other = app.user("thamdinh2", Role::ProvincialReviewer, None).await;
    // The file a commune with no signal sent by road, built here as its phone would.
    let mut unit_phone = Client::new("unit-phone", &carrier);
    tests::submit(&mut unit_phone.replicas.open(report()).doc);
    let file = shared::bundle::export(&mut unit_phone.replicas);
    let (status, _) = app.import(&carrier, file).await;
    assert_eq!(status, 200);

    // The list says who handed it in and when; so does the report's history.
    let listed = app.received(&other).await;
    let row = listed
        .iter()
        .find(|r| r.doc == report().to_string())
        .unwrap();
    assert_eq!(row.handed_in.len(), 1, "{row:?}");
    assert_eq!(row.handed_in[0].by, tests::display_name(&carrier));
    let (_, history) = app
        .get_json::<Vec<shared::wire::ChangeRecord>>(
            &other,
            &format!("/api/documents/{}/history", report()),
        )
        .await;
    assert!(
        history
            .unwrap()
            .iter()
            .all(|c| c.device == shared::wire::HAND_IN_DEVICE)
    );

    let (_, overview) = app
        .get_json::<shared::wire::OverviewResponse>(&other, "/api/overview?period=2022")
        .await;
    let cell = overview
        .unwrap()
        .rows
        .into_iter()
        .flat_map(|r| r.cells)
        .flatten()
        .find(|c| c.doc == report().to_string())
        .unwrap();
    assert!(cell.handed_in, "the overview marks the hand-in");

    app.district_approves(report()).await;
    let refused = approve_as(&app, &carrier).await;
    let (_, why) = refused
        .first()
        .cloned()
        .expect("the carrier's approval is refused");
    assert!(why.contains("không được tự duyệt"), "{why}");
    // Only the district's approval is on record; another provincial reviewer's stands.
    use shared::report::decision_order::ReviewLevel;
    let levels = format!("/api/documents/{}/decision-levels", report());
    let (_, on_record) = app
        .get_json::<Vec<Option<ReviewLevel>>>(&other, &levels)
        .await;
    assert_eq!(on_record.unwrap(), vec![Some(ReviewLevel::District)]);
    assert!(approve_as(&app, &other).await.is_empty());
    let (_, on_record) = app
        .get_json::<Vec<Option<ReviewLevel>>>(&other, &levels)
        .await;
    assert_eq!(on_record.unwrap().len(), 2);
    assert_eq!(state(&app, &carrier).await, ReportState::Approved);
}

/// An approval of the report as the server holds it, from `token`'s desk; what was refused.
async fn approve_as(app: &TestApp, token: &str) -> Vec<(DocId, String)> {
    approve_signed(app, token, &tests::display_name(token)).await
}

/// [`approve_as`] with the decision signed `by`.
async fn approve_signed(app: &TestApp, token: &str, by: &str) -> Vec<(DocId, String)> {
    let mut desk = Client::new("desk", token);
    desk.replicas.open(report());
    desk.replicas.open(report().review());
    desk.sync(app).await.unwrap();
    let mut copy = desk.replicas.open(report()).doc.fork();
    let approval = Decision {
        verdict: Verdict::Approved.as_str().to_string(),
        by: by.to_string(),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(report().review()).doc,
        &report(),
        &mut copy,
        approval,
    )
    .unwrap();
    desk.sync(app).await.unwrap();
    desk.refused
}
