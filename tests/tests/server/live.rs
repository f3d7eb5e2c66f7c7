//! Live notice of changes: a long poll wakes when a document the user reads is stored,
//! on the same instance or, on PostgreSQL (LISTEN/NOTIFY), on another instance sharing
//! the database.

use shared::access::Role;
use shared::ids::DocId;
use std::time::{Duration, Instant};
use tests::{Client, spawn_app};

fn report() -> DocId {
    "activity:16816:2022-H1".parse().unwrap()
}

#[tokio::test]
async fn a_waiting_reviewer_hears_of_a_change_at_once_and_others_do_not() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let neighbour = app
        .user("canbo.bacly", Role::CommuneOfficer, Some(16819))
        .await;
    let since = Some(app.changes(&reviewer, None, 0).await.cursor);

    let app = std::sync::Arc::new(app);
    let watching = {
        let (app, reviewer) = (app.clone(), reviewer.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            (app.changes(&reviewer, since, 20).await, started.elapsed())
        })
    };
    let neighbour_watch = {
        let (app, neighbour) = (app.clone(), neighbour.clone());
        tokio::spawn(async move { app.changes(&neighbour, since, 2).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut phone = Client::new("phone", &officer);
    phone.set_count(report(), "events_by_committee", 3);
    phone.sync(&app).await.unwrap();

    let (heard, waited) = watching.await.unwrap();
    println!("the reviewer heard of the change after {waited:?}");
    assert_eq!(heard.docs, [report().to_string()]);
    assert!(waited < Duration::from_secs(10), "{waited:?}");
    assert!(Some(heard.cursor) > since);
    assert!(neighbour_watch.await.unwrap().docs.is_empty());

    // From the new cursor nothing is new.
    let next = app.changes(&reviewer, Some(heard.cursor), 0).await;
    assert!(next.docs.is_empty(), "{next:?}");
}

#[tokio::test]
async fn two_instances_share_the_data_and_on_postgres_the_news_too() {
    let first = spawn_app().await;
    let second = first.second_instance().await;
    let officer = first
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let reviewer = first.user("thamdinh", Role::ProvincialReviewer, None).await;
    let on_postgres = std::env::var("TEST_DATABASE_URL").is_ok();
    let since = Some(second.changes(&reviewer, None, 0).await.cursor);

    let second = std::sync::Arc::new(second);
    let watching = {
        let (second, reviewer) = (second.clone(), reviewer.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            (second.changes(&reviewer, since, 6).await, started.elapsed())
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut phone = Client::new("phone", &officer);
    phone.set_count(report(), "events_by_committee", 3);
    phone.sync(&first).await.unwrap();

    let (heard, waited) = watching.await.unwrap();
    println!("instance 2 told its watcher after {waited:?} (PostgreSQL: {on_postgres})");
    assert_eq!(heard.docs, [report().to_string()]);
    if on_postgres {
        assert!(
            waited < Duration::from_secs(4),
            "NOTIFY did not wake it: {waited:?}"
        );
    }

    // The reviewer's device syncs with instance 2 and gets the change made on instance 1.
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(report());
    desk.sync(&second).await.unwrap();
    let content =
        shared::report::activity::ActivityReport::read(&desk.replicas.open(report()).doc).unwrap();
    assert_eq!(content.count("events_by_committee"), Some(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_writing_one_document_at_once_lose_nothing() {
    let first = spawn_app().await;
    let second = first.second_instance().await;
    let officer = first
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let (first, second) = (std::sync::Arc::new(first), std::sync::Arc::new(second));
    // Two phones of the commune, each behind its own instance, write the same report at
    // once, many times; compaction rewrites the snapshot along the way.
    let tasks: Vec<_> = [(first.clone(), "a"), (second.clone(), "b")]
        .into_iter()
        .map(|(app, name)| {
            let officer = officer.clone();
            tokio::spawn(async move {
                let mut phone = Client::new(name, &officer);
                for n in 0..40u64 {
                    let key = if name == "a" {
                        "events_by_committee"
                    } else {
                        "training_classes"
                    };
                    phone.set_count(report(), key, n);
                    phone.replicas.open(report()).doc.commit();
                    phone.sync(&app).await.unwrap();
                }
                phone
            })
        })
        .collect();
    let mut phones = Vec::new();
    for task in tasks {
        phones.push(task.await.unwrap());
    }
    for phone in phones.iter_mut() {
        phone.sync(&first).await.unwrap();
    }
    phones[0].sync(&first).await.unwrap();
    let mut stored = first
        .store
        .load_document(report())
        .await
        .unwrap()
        .unwrap()
        .doc;
    for phone in phones.iter_mut() {
        let doc = &mut phone.replicas.open(report()).doc;
        for change in doc.get_changes(&[]) {
            assert!(
                stored.get_change_by_hash(&change.hash()).is_some(),
                "a change of phone {} is missing",
                phone.device
            );
        }
    }
    let content = shared::report::activity::ActivityReport::read(&stored).unwrap();
    assert_eq!(content.count("events_by_committee"), Some(39));
    assert_eq!(content.count("training_classes"), Some(39));
}

/// Instance 2 takes its receipt time for one report before instance 1 takes one for
/// another, but commits after it (it waited for its commit turn, or its clock runs
/// behind): a reviewer who polled in between still hears of the later commit.
#[tokio::test]
async fn a_change_stamped_earlier_but_committed_later_still_reaches_the_poller() {
    use backend::domain::read_model::{Receipts, project};
    let first = spawn_app().await;
    let second = first.second_instance().await;
    let my_ly = first
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    first
        .user("canbo.bacly", Role::CommuneOfficer, Some(16819))
        .await;
    let reviewer = first.user("thamdinh", Role::ProvincialReviewer, None).await;
    let start = first.changes(&reviewer, None, 0).await.cursor;
    let stamped_earlier = backend::clock::now_ms() - 60_000;

    let mut phone = Client::new("phone", &my_ly);
    phone.set_count(report(), "events_by_committee", 3);
    phone.sync(&first).await.unwrap();
    let heard = first.changes(&reviewer, Some(start), 0).await;
    assert_eq!(heard.docs, [report().to_string()]);

    // Bắc Lý's report, stamped a minute before Mỹ Lý's, commits on instance 2 now.
    let bac_ly: DocId = "activity:16819:2022-H1".parse().unwrap();
    let mut neighbour = Client::new("neighbour", "");
    neighbour.set_count(bac_ly, "events_by_committee", 5);
    let doc = &mut neighbour.replicas.open(bac_ly).doc;
    let changes: Vec<_> = doc
        .get_changes(&[])
        .into_iter()
        .filter(|c| !shared::genesis::is_genesis(c))
        .collect();
    let projection = project(
        bac_ly,
        doc,
        &Receipts::Arriving {
            now: stamped_earlier,
            changes: &changes,
        },
    )
    .unwrap();
    let user = second
        .store
        .user_by_username("canbo.bacly")
        .await
        .unwrap()
        .unwrap();
    second
        .store
        .accept_changes(backend::store::AcceptedChanges {
            doc_id: bac_ly,
            chunk: doc.save(),
            new_snapshot: Some(doc.save()),
            change_hashes: changes.iter().map(|c| c.hash()).collect(),
            user_id: user.id,
            device: "neighbour".to_string(),
            now: stamped_earlier,
            projection,
            expected: None,
        })
        .await
        .unwrap();

    let next = first.changes(&reviewer, Some(heard.cursor), 0).await;
    assert_eq!(
        next.docs,
        [bac_ly.to_string()],
        "the later commit was missed"
    );
    let after = first.changes(&reviewer, Some(next.cursor), 0).await;
    assert!(after.docs.is_empty(), "{after:?}");
}
