//! Each document's own history. Every report of a kind starts from one genesis, so one
//! change can be valid in several reports (a phone that copies a figure from one period
//! to the next, a hand-in of the same file twice): each report keeps its own record of
//! who brought it and when, through a projection rebuild and a backup restore.

use shared::access::Role;
use shared::ids::DocId;
use tests::{Client, fresh_database, spawn_app};

#[tokio::test]
async fn the_same_change_in_two_reports_is_on_record_in_both_after_rebuild_and_restore() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let first: DocId = "activity:16816:2022-H1".parse().unwrap();
    let second: DocId = "activity:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    phone.set_count(first, "events_by_committee", 3);
    let change = phone
        .replicas
        .open(first)
        .doc
        .get_last_local_change()
        .expect("the edit")
        .clone();
    phone
        .replicas
        .open(second)
        .doc
        .apply_changes([change.clone()])
        .unwrap();
    phone.sync(&app).await.unwrap();

    for id in [first, second] {
        let records = app.store.change_records(id).await.unwrap();
        assert_eq!(records.len(), 1, "{id}: {records:?}");
        assert_eq!(records[0].hash, change.hash().to_string());
    }
    let listed = |rows: Vec<shared::wire::ReceivedReport>| {
        let mut ids: Vec<String> = rows.into_iter().map(|r| r.doc).collect();
        ids.sort();
        ids
    };
    let expected = listed(app.received(&reviewer).await);
    assert_eq!(expected.len(), 2);

    backend::domain::rebuild::rebuild(&app.store).await.unwrap();
    assert_eq!(listed(app.received(&reviewer).await), expected);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu.vstbpnbk");
    backend::backup::backup(&app.store, &file).await.unwrap();
    let target_dir = tempfile::tempdir().unwrap();
    let target = backend::store::Store::connect(&fresh_database(&target_dir).await)
        .await
        .unwrap();
    backend::backup::restore(&target, &file).await.unwrap();
    for id in [first, second] {
        assert_eq!(
            target.changes_of(id).await.unwrap(),
            app.store.changes_of(id).await.unwrap(),
            "{id}"
        );
    }
    let mut restored: Vec<String> = target
        .received_reports()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id.to_string())
        .collect();
    restored.sort();
    assert_eq!(restored, expected);
}
