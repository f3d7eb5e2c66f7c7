//! The server holds a submission to the phone's rule: a report with errors left (a
//! required field empty, a yes/no row answered 2 of 3) cannot be marked submitted, so an
//! empty report "submitted" before the deadline never counts as on time. The refusal is
//! in Vietnamese and nothing of it is stored; once the errors are fixed it goes through.

use shared::access::Role;
use shared::ids::DocId;
use shared::report::activity::set_count;
use shared::report::programme::{set_denominator, set_numerator};
use shared::report::set_submitted;
use tests::{Client, spawn_app};

#[tokio::test]
async fn an_empty_report_marked_submitted_is_refused_and_stays_unsubmitted() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let id: DocId = "activity:16816:2022".parse().unwrap();

    // One figure, then "submitted" with every required narrative empty.
    let mut phone = Client::new("phone", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    set_count(doc, "events_by_committee", Some(3)).unwrap();
    set_submitted(doc, true).unwrap();
    phone.sync(&app).await.unwrap();
    let (refused, why) = phone
        .refused
        .first()
        .cloned()
        .expect("the submission is refused");
    assert_eq!(refused, id);
    assert!(why.contains("chưa nộp được"), "{why}");
    // Nothing of it is stored: the reviewers have received no report.
    assert!(app.received(&reviewer).await.is_empty());

    // Filled and submitted again: accepted, with the server's receipt time.
    let mut phone = Client::new("phone-again", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    set_count(doc, "events_by_committee", Some(3)).unwrap();
    tests::submit(doc);
    phone.sync(&app).await.unwrap();
    assert!(phone.refused.is_empty(), "{:?}", phone.refused);
    let received = app.received(&reviewer).await;
    assert_eq!(received.len(), 1);
    assert!(received[0].submitted_at.is_some());
}

#[tokio::test]
async fn a_yes_no_row_answered_with_a_fraction_cannot_be_submitted() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let id: DocId = "programme:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    // "Does the commune's government have a woman among its key leaders": 2 of 3.
    set_numerator(doc, "1.1.3", Some(2)).unwrap();
    set_denominator(doc, "1.1.3", Some(3)).unwrap();
    set_submitted(doc, true).unwrap();
    phone.sync(&app).await.unwrap();
    assert_eq!(phone.refused.len(), 1, "{:?}", phone.refused);
    assert!(app.received(&reviewer).await.is_empty());

    // The same figure without the submission mark is a draft the server keeps.
    let mut draft = Client::new("draft", &officer);
    let doc = &mut draft.replicas.open(id).doc;
    set_numerator(doc, "1.1.3", Some(2)).unwrap();
    set_denominator(doc, "1.1.3", Some(3)).unwrap();
    draft.sync(&app).await.unwrap();
    assert!(draft.refused.is_empty(), "{:?}", draft.refused);
    let received = app.received(&reviewer).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].submitted_at, None);
}

/// A crafted change with a figure the roll-up cannot hold (2^63 − 1) or a key outside the
/// outline is refused whole; the reviewers' views and files still open afterwards.
#[tokio::test]
async fn a_figure_beyond_the_bounds_or_a_stray_key_is_refused_and_every_view_still_opens() {
    use automerge::ReadDoc;
    use automerge::transaction::Transactable;
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let id: DocId = "programme:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    set_numerator(doc, "3.2a.1", Some(i64::MAX as u64)).unwrap();
    set_denominator(doc, "3.2a.1", Some(i64::MAX as u64)).unwrap();
    phone.sync(&app).await.unwrap();
    let (_, why) = phone.refused.first().cloned().expect("refused");
    assert!(why.contains("vượt giới hạn"), "{why}");

    let activity: DocId = "activity:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone-2", &officer);
    let doc = &mut phone.replicas.open(activity).doc;
    let counts = doc.get(automerge::ROOT, "counts").unwrap().unwrap().1;
    doc.put(&counts, "x".repeat(10_000), 1u64).unwrap();
    phone.sync(&app).await.unwrap();
    assert_eq!(phone.refused.len(), 1, "{:?}", phone.refused);
    assert!(app.received(&reviewer).await.is_empty(), "nothing stored");

    for path in [
        "/api/consolidated?period=2022&approved=false",
        "/api/export/phu-luc-2.xlsx?period=2022&all=true",
        "/api/export/bao-cao-hoat-dong.docx?period=2022&all=true",
    ] {
        let (status, _, _) = app.get_bytes(&reviewer, path).await;
        assert_eq!(status, 200, "{path}");
    }
}

/// The genesis actor writes the genesis only: an edit made under it is refused, so no
/// one's change can pass for the system's.
#[tokio::test]
async fn an_edit_under_the_genesis_actor_is_refused() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let id: DocId = "activity:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    doc.set_actor(automerge::ActorId::from(
        shared::genesis::GENESIS_ACTOR.as_slice(),
    ));
    set_count(doc, "events_by_committee", Some(4)).unwrap();
    phone.sync(&app).await.unwrap();
    let (_, why) = phone.refused.first().cloned().expect("refused");
    assert!(why.contains("tác giả khởi tạo"), "{why}");
    assert!(app.received(&reviewer).await.is_empty());
}

/// Timeliness is the first submission the server accepted: an edit after it is shown as
/// "sửa sau khi nộp" and a resubmission after a return is dated apart, but neither
/// moves the time the report is judged on, live or after a rebuild of the projection.
#[tokio::test]
async fn a_report_edited_and_resubmitted_keeps_its_first_submissions_time() {
    use shared::report::review::{Decision, Verdict, decide};
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let id: DocId = "activity:16816:2022".parse().unwrap();
    let row = |rows: Vec<shared::wire::ReceivedReport>| {
        rows.into_iter()
            .find(|r| r.doc == id.to_string())
            .expect("listed")
    };

    let mut phone = Client::new("phone", &officer);
    set_count(
        &mut phone.replicas.open(id).doc,
        "events_by_committee",
        Some(3),
    )
    .unwrap();
    tests::submit(&mut phone.replicas.open(id).doc);
    phone.sync(&app).await.unwrap();
    let first = row(app.received(&reviewer).await);
    let first_at = first.first_submitted_at.expect("submitted");
    assert_eq!(first.submitted_at, Some(first_at));
    assert!(!first.edited_after_submission);

    // An edit after submission: shown, and the submission time stays.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    set_count(
        &mut phone.replicas.open(id).doc,
        "events_by_committee",
        Some(4),
    )
    .unwrap();
    phone.sync(&app).await.unwrap();
    let edited = row(app.received(&reviewer).await);
    assert!(edited.edited_after_submission);
    assert_eq!(edited.first_submitted_at, Some(first_at));
    assert_eq!(edited.submitted_at, Some(first_at));

    // Returned, corrected and submitted again: the resubmission is dated apart.
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(id);
    desk.sync(&app).await.unwrap();
    let mut copy = desk.replicas.open(id).doc.fork();
    let returned = Decision {
        verdict: Verdict::Returned.as_str().to_string(),
        note: "Bổ sung".to_string(),
        by: tests::display_name(&reviewer),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(id.review()).doc,
        &id,
        &mut copy,
        returned,
    )
    .unwrap();
    desk.sync(&app).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    phone.sync(&app).await.unwrap();
    tests::submit(&mut phone.replicas.open(id).doc);
    phone.sync(&app).await.unwrap();
    let again = row(app.received(&reviewer).await);
    assert_eq!(again.first_submitted_at, Some(first_at));
    assert!(again.submitted_at.unwrap() > first_at, "{again:?}");
    assert!(!again.edited_after_submission);
    assert_eq!(again.state, shared::report::review::ReportState::Submitted);

    // The overview dates the cell by the first submission, and a rebuild agrees.
    let (_, overview) = app
        .get_json::<shared::wire::OverviewResponse>(&reviewer, "/api/overview?period=2022")
        .await;
    let cell = overview
        .unwrap()
        .rows
        .into_iter()
        .flat_map(|r| r.cells)
        .flatten()
        .find(|c| c.doc == id.to_string())
        .expect("the cell");
    assert_eq!(cell.submitted_at, Some(first_at));
    backend::domain::rebuild::rebuild(&app.store).await.unwrap();
    assert_eq!(row(app.received(&reviewer).await), again);
}

/// A key no reading shows, hidden inside a Phụ lục 2 row or inside a decision, would be
/// stored and sent to every reader: refused, and nothing of it stored.
#[tokio::test]
async fn a_key_hidden_inside_a_row_or_a_decision_is_refused() {
    use automerge::transaction::Transactable;
    use automerge::{ObjType, ROOT, ReadDoc};
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let district = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(417))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let id: DocId = "programme:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    set_numerator(doc, "3.2a.1", Some(1)).unwrap();
    let (_, rows) = doc.get(ROOT, "rows").unwrap().unwrap();
    let (_, row) = doc.get(&rows, "3.2a.1").unwrap().unwrap();
    doc.put(&row, "hidden", "x".repeat(100_000)).unwrap();
    phone.sync(&app).await.unwrap();
    let (_, why) = phone.refused.first().cloned().expect("refused");
    assert!(why.contains("vượt giới hạn"), "{why}");
    assert!(app.received(&reviewer).await.is_empty());

    // A submitted report, and a decision carrying a key no decision has.
    let mut phone = Client::new("phone-2", &officer);
    let doc = &mut phone.replicas.open(id).doc;
    set_numerator(doc, "3.2a.1", Some(1)).unwrap();
    set_denominator(doc, "3.2a.1", Some(2)).unwrap();
    tests::submit(doc);
    phone.sync(&app).await.unwrap();
    assert!(phone.refused.is_empty(), "{:?}", phone.refused);
    let mut desk = Client::new("desk", &district);
    desk.replicas.open(id);
    desk.replicas.open(id.review());
    desk.sync(&app).await.unwrap();
    let heads: Vec<String> = desk
        .replicas
        .open(id)
        .doc
        .get_heads()
        .iter()
        .map(|h| h.to_string())
        .collect();
    let doc = &mut desk.replicas.open(id.review()).doc;
    let (_, list) = doc.get(ROOT, "decisions").unwrap().unwrap();
    let d = doc.insert_object(&list, 0, ObjType::Map).unwrap();
    doc.put(&d, "verdict", "returned").unwrap();
    let h = doc.put_object(&d, "heads", ObjType::List).unwrap();
    for (i, head) in heads.iter().enumerate() {
        doc.insert(&h, i, head.as_str()).unwrap();
    }
    doc.put(&d, "note", "Bổ sung").unwrap();
    doc.put_object(&d, "comments", ObjType::Map).unwrap();
    doc.put(&d, "by", tests::display_name(&district).as_str())
        .unwrap();
    doc.put(&d, "at", 0i64).unwrap();
    doc.put(&d, "attachment", "x".repeat(100_000)).unwrap();
    desk.sync(&app).await.unwrap();
    let (_, why) = desk.refused.first().cloned().expect("refused");
    assert!(why.contains("vượt giới hạn"), "{why}");
    let received = app.received(&reviewer).await;
    assert_eq!(received[0].verdict, None);
}

/// Days offline end in a refusal: another phone of the commune changed a figure on the
/// server, and the merged report has an error, so the server refuses the submission and
/// the whole batch of edits with it. The phone keeps every edit apart (also through its
/// storage), shows them field by field, and writes them again on top of the server's
/// copy, without the submission mark; the server takes them.
#[tokio::test]
async fn a_refusal_after_days_offline_keeps_every_edit_and_they_can_be_applied_again() {
    use shared::replicas::SetAside;
    use shared::report::programme::{ProgrammeReport, set_note};
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let id: DocId = "programme:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    set_numerator(&mut phone.replicas.open(id).doc, "3.2a.1", Some(2)).unwrap();
    phone.sync(&app).await.unwrap();
    let mut other = Client::new("other-phone", &officer);
    other.replicas.open(id);
    other.sync(&app).await.unwrap();

    // The other phone raises the numerator; this one, offline, gives the denominator, a
    // note and submits: 2 of 2 on this phone, 3 of 2 once merged.
    set_numerator(&mut other.replicas.open(id).doc, "3.2a.1", Some(3)).unwrap();
    other.sync(&app).await.unwrap();
    let doc = &mut phone.replicas.open(id).doc;
    let old_actor = doc.get_actor().clone();
    set_denominator(doc, "3.2a.1", Some(2)).unwrap();
    set_note(doc, "3.2a.1", "Số ca phát hiện qua tổ hòa giải").unwrap();
    set_submitted(doc, true).unwrap();
    assert!(shared::report::submit_blockers(&id, doc).is_empty());
    phone.sync(&app).await.unwrap();
    let (refused, why) = phone.refused.first().cloned().expect("refused");
    assert_eq!(refused, id);
    assert!(why.contains("chưa nộp được"), "{why}");

    // Kept apart, through a save and a load, with the fields it changed.
    let kept = phone.replicas.kept(id).expect("set aside");
    let mut kept = SetAside {
        doc: automerge::AutoCommit::load(&kept.doc.save()).unwrap(),
        base: kept.base.clone(),
        reason: kept.reason.clone(),
    };
    assert_eq!(kept.reason, why);
    let fields =
        shared::report::since_approval::changes_since(id.kind, &mut kept.doc, &kept.base).unwrap();
    let labels: Vec<&str> = fields.iter().map(|f| f.label.as_str()).collect();
    assert!(
        labels.iter().any(|l| l.starts_with("III.2.1.1 ")),
        "{labels:?}"
    );
    assert!(
        fields.iter().any(|f| f
            .after
            .as_deref()
            .is_some_and(|a| a.contains("tổ hòa giải"))),
        "{fields:?}"
    );
    // The phone now holds the server's copy, written under a new actor.
    let copy = &mut phone.replicas.open(id).doc;
    assert_ne!(copy.get_actor(), &old_actor);
    assert_eq!(
        ProgrammeReport::read(copy).unwrap().rows["3.2a.1"].numerator,
        Some(3)
    );

    // Sent again: the denominator and the note go up; the mark does not.
    // (The copy as loaded from storage takes the kept one's place, as after a reload.)
    phone.replicas.keep(id, kept);
    assert!(phone.replicas.reapply_kept(id));
    assert!(phone.replicas.kept(id).is_none(), "let go once all went in");
    phone.sync(&app).await.unwrap();
    assert_eq!(phone.refused.len(), 1, "{:?}", phone.refused);
    other.sync(&app).await.unwrap();
    let doc = &mut other.replicas.open(id).doc;
    let report = ProgrammeReport::read(doc).unwrap();
    let row = &report.rows["3.2a.1"];
    assert_eq!((row.numerator, row.denominator), (Some(3), Some(2)));
    assert_eq!(row.note.as_str(), "Số ca phát hiện qua tổ hòa giải");
    assert!(!shared::report::is_submitted(doc));
}
