//! Review over the real server: a reviewer returns a report with comments, the unit's
//! device receives them, fixes and submits again, the reviewer approves; and nobody else
//! can write a review.

use shared::access::Role;
use shared::ids::DocId;
use shared::report::activity::set_narrative;
use shared::report::review::{Decision, ReportState, Review, Verdict, decide, report_state};
use tests::{Client, spawn_app};

const MY_LY: u32 = 16816;
const KY_SON: u32 = 417;
const CON_CUONG: u32 = 422;

fn report() -> DocId {
    "activity:16816:2022-H1".parse().unwrap()
}

fn state(client: &mut Client) -> ReportState {
    let review = Review::read(&client.replicas.open(report().review()).doc).ok();
    report_state(&mut client.replicas.open(report()).doc, review.as_ref())
}

/// Records a decision on the reviewer's device, from its own copy of the report.
fn decide_on(client: &mut Client, verdict: Verdict, comments: &[(&str, &str)]) {
    let mut report_doc = client.replicas.open(report()).doc.fork();
    let decision = Decision {
        verdict: verdict.as_str().to_string(),
        comments: comments
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        by: tests::display_name(&client.token),
        ..Decision::default()
    };
    decide(
        &mut client.replicas.open(report().review()).doc,
        &report(),
        &mut report_doc,
        decision,
    )
    .unwrap();
}

#[tokio::test]
async fn return_fix_resubmit_approve_then_edit() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let reviewer = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(KY_SON))
        .await;
    let mut phone = Client::new("phone", &officer);
    let mut desk = Client::new("desk", &reviewer);
    phone.replicas.open(report().review());

    set_narrative(&mut phone.replicas.open(report()).doc, "assessment", "Tốt").unwrap();
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();

    desk.replicas.open(report());
    desk.replicas.open(report().review());
    desk.sync(&app).await.unwrap();
    assert_eq!(state(&mut desk), ReportState::Submitted);
    decide_on(
        &mut desk,
        Verdict::Returned,
        &[("assessment", "Ghi rõ số cuộc")],
    );
    desk.sync(&app).await.unwrap();
    assert!(desk.refused.is_empty(), "{:?}", desk.refused);
    let received = app.received(&reviewer).await;
    assert_eq!(received[0].verdict, Some(Verdict::Returned));

    // The unit's phone receives the return with its comment on the next sync.
    phone.sync(&app).await.unwrap();
    assert_eq!(state(&mut phone), ReportState::Returned);
    let review = Review::read(&phone.replicas.open(report().review()).doc).unwrap();
    assert_eq!(
        review.latest().unwrap().comments["assessment"],
        "Ghi rõ số cuộc"
    );
    let submitted_first = app.received(&reviewer).await[0].submitted_at.unwrap();

    // Fix and submit again: a new submission with its own receipt time.
    set_narrative(
        &mut phone.replicas.open(report()).doc,
        "assessment",
        "Tốt, 12 cuộc",
    )
    .unwrap();
    tests::submit(&mut phone.replicas.open(report()).doc);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    phone.sync(&app).await.unwrap();
    assert_eq!(state(&mut phone), ReportState::Submitted);
    let submitted_again = app.received(&reviewer).await[0].submitted_at.unwrap();
    assert!(submitted_again > submitted_first);

    desk.sync(&app).await.unwrap();
    assert_eq!(state(&mut desk), ReportState::Submitted);
    decide_on(&mut desk, Verdict::Approved, &[]);
    desk.sync(&app).await.unwrap();
    phone.sync(&app).await.unwrap();
    assert_eq!(state(&mut phone), ReportState::Approved);
    let received = app.received(&reviewer).await;
    assert_eq!(received[0].verdict, Some(Verdict::Approved));

    // An edit after approval is a fact both sides see.
    set_narrative(
        &mut phone.replicas.open(report()).doc,
        "assessment",
        "Tốt, 13 cuộc",
    )
    .unwrap();
    phone.sync(&app).await.unwrap();
    desk.sync(&app).await.unwrap();
    assert_eq!(state(&mut phone), ReportState::EditedAfterApproval);
    assert_eq!(state(&mut desk), ReportState::EditedAfterApproval);
}

#[tokio::test]
async fn only_reviewers_of_the_unit_write_its_review() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let mut phone = Client::new("phone", &officer);
    set_narrative(&mut phone.replicas.open(report()).doc, "assessment", "Tốt").unwrap();
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();

    // The unit itself, and the officer of another district, are refused; nothing stored.
    let other = app
        .user("canbo.concuong", Role::DistrictOfficer, Some(CON_CUONG))
        .await;
    for (name, token) in [("self", officer.clone()), ("other district", other)] {
        let mut device = Client::new(name, &token);
        // Whether or not they may read it, they hold the submitted report (a copy).
        let copy = phone.replicas.open(report()).doc.fork();
        device.replicas.insert(report(), copy, Default::default());
        decide_on(&mut device, Verdict::Approved, &[]);
        let result = device.sync(&app).await;
        let refused_here = device
            .refused
            .iter()
            .any(|(id, _)| *id == report().review());
        assert!(
            refused_here || result.is_err(),
            "{name}: a review write went through"
        );
        let stored = app.store.load_document(report().review()).await.unwrap();
        assert!(stored.is_none(), "{name}: something was stored");
    }

    // Kỳ Sơn's district officer reviews its own commune.
    let district = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(KY_SON))
        .await;
    let mut desk = Client::new("district", &district);
    desk.replicas.open(report());
    desk.sync(&app).await.unwrap();
    decide_on(&mut desk, Verdict::Returned, &[("assessment", "Bổ sung")]);
    desk.sync(&app).await.unwrap();
    assert!(desk.refused.is_empty(), "{:?}", desk.refused);
    phone.replicas.open(report().review());
    phone.sync(&app).await.unwrap();
    assert_eq!(state(&mut phone), ReportState::Returned);
}

#[tokio::test]
async fn a_decision_on_a_version_the_server_never_received_is_refused() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let reviewer = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(KY_SON))
        .await;
    let mut phone = Client::new("phone", &officer);
    tests::submit(&mut phone.replicas.open(report()).doc);
    phone.sync(&app).await.unwrap();
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(report());
    desk.sync(&app).await.unwrap();
    // A local edit the server never saw, then a decision on that version.
    set_narrative(&mut desk.replicas.open(report()).doc, "assessment", "giả").unwrap();
    desk.replicas.open(report()).doc.commit();
    decide_on(&mut desk, Verdict::Approved, &[]);
    let mut review_only = Client::new("desk2", &reviewer);
    let review_doc = desk.replicas.open(report().review()).doc.fork();
    review_only
        .replicas
        .insert(report().review(), review_doc, Default::default());
    review_only.sync(&app).await.ok();
    assert!(
        review_only
            .refused
            .iter()
            .any(|(id, reason)| *id == report().review() && reason.contains("chưa nhận")),
        "{:?}",
        review_only.refused
    );
}
