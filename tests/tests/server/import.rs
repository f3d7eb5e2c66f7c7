//! A unit with no network for weeks: its officer saves a file, someone carries it to the
//! province, the reviewer hands it in, and the server merges it like a sync.

use shared::access::Role;
use shared::bundle;
use shared::ids::DocId;
use shared::report::activity::{ActivityReport, set_narrative};
use tests::{Client, spawn_app};

const MY_LY: u32 = 16816;
const CON_CUONG: u32 = 422;

fn report() -> DocId {
    "activity:16816:2022-H1".parse().unwrap()
}

#[tokio::test]
async fn a_file_handed_in_at_the_province_merges_once_and_the_phone_converges() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut phone = Client::new("phone", &officer);

    // The phone syncs once, then has no signal for weeks and fills the report offline.
    phone.set_count(report(), "events_by_committee", 2);
    phone.sync(&app).await.unwrap();
    set_narrative(
        &mut phone.replicas.open(report()).doc,
        "assessment",
        "Làm offline",
    )
    .unwrap();
    tests::submit(&mut phone.replicas.open(report()).doc);
    let file = bundle::export(&mut phone.replicas);

    let (status, result) = app.import(&reviewer, file.clone()).await;
    assert_eq!(status, 200);
    let result = result.unwrap();
    assert_eq!(result.merged, [report().to_string()], "{result:?}");
    let received = app.received(&reviewer).await;
    assert!(
        received[0].submitted_at.is_some(),
        "the file's submission counts"
    );
    let provenance = app.store.changes_of(report()).await.unwrap();
    assert_eq!(provenance.len(), 2);
    assert!(provenance.iter().any(|p| p.device == "tệp sao lưu"));

    // The same file again changes nothing; no duplicate rows.
    let (_, again) = app.import(&reviewer, file).await;
    assert_eq!(again.unwrap().unchanged, [report().to_string()]);
    assert_eq!(app.store.changes_of(report()).await.unwrap().len(), 2);

    // When the signal comes back the phone has nothing left to send and agrees.
    phone.sync(&app).await.unwrap();
    assert_eq!(phone.replicas.pending_changes(), 0);
    let mut stored = app
        .store
        .load_document(report())
        .await
        .unwrap()
        .unwrap()
        .doc;
    assert_eq!(
        stored.get_heads(),
        phone.replicas.open(report()).doc.get_heads()
    );
    let content = ActivityReport::read(&stored).unwrap();
    assert_eq!(content.narrative("assessment"), "Làm offline");
    assert_eq!(content.count("events_by_committee"), Some(2));
}

#[tokio::test]
async fn files_out_of_scope_or_broken_change_nothing() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(MY_LY))
        .await;
    let other = app
        .user("canbo.concuong", Role::DistrictOfficer, Some(CON_CUONG))
        .await;
    let admin = app.user("quantri", Role::Administrator, None).await;
    let mut phone = Client::new("phone", &officer);
    phone.set_count(report(), "events_by_committee", 2);
    let file = bundle::export(&mut phone.replicas);

    for token in [&other, &admin] {
        let (status, result) = app.import(token, file.clone()).await;
        assert_eq!(status, 200);
        let result = result.unwrap();
        assert!(
            result.merged.is_empty() && result.skipped.len() == 1,
            "{result:?}"
        );
    }
    for broken in [b"not a file".to_vec(), file[..file.len() / 2].to_vec()] {
        let (status, _) = app.import(&officer, broken).await;
        assert_eq!(status, 400);
    }
    assert_eq!(app.store.document_counts().await.unwrap(), (0, 0));
    // Without a login, nothing at all.
    let (status, _) = app.import("not-a-token", file).await;
    assert_eq!(status, 401);
}

/// A district's or the province's device may hold more documents than the server takes
/// in one request: the whole file is refused with nothing stored, and the PWA sends it
/// in parts (`bundle::split`), which together merge every document.
#[tokio::test]
async fn a_file_larger_than_one_request_goes_in_parts() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let mut device = shared::replicas::Replicas::new(automerge::ActorId::random());
    let communes = tests::first_communes(300);
    for code in &communes {
        let id: DocId = format!("activity:{code}:2022-H1").parse().unwrap();
        shared::report::activity::set_count(
            &mut device.open(id).doc,
            "events_by_committee",
            Some(1),
        )
        .unwrap();
    }
    let file = bundle::export(&mut device);

    let (status, _) = app.import(&reviewer, file.clone()).await;
    assert_eq!(status, 413);
    assert_eq!(app.store.document_counts().await.unwrap().0, 0);

    let parts = bundle::split(&file, shared::wire::MAX_DOCS_PER_REQUEST).unwrap();
    assert_eq!(parts.len(), 2);
    let mut merged = 0;
    for part in parts {
        let (status, result) = app.import(&reviewer, part).await;
        assert_eq!(status, 200);
        let result = result.unwrap();
        assert!(result.skipped.is_empty(), "{result:?}");
        merged += result.merged.len();
    }
    assert_eq!(merged, 300);
    assert_eq!(app.store.document_counts().await.unwrap().0, 300);
}
