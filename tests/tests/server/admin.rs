//! The administrator's commands on a real database (SQLite, and PostgreSQL when the test
//! command provides one): accounts, imports, backup and restore, rebuilt projections.
//! Each refuses bad input before changing anything.

use backend::accounts::{self, AccountInput};
use backend::store::Store;
use shared::access::Role;
use shared::ids::DocId;
use shared::report::activity::set_narrative;
use shared::report::review::{Decision, ReportState, Verdict, decide};
use shared::vocabulary::Period;
use tests::{Client, fresh_database, spawn_app};

fn account<'a>(username: &'a str, role: &'a str, unit: Option<&'a str>) -> AccountInput<'a> {
    AccountInput {
        username,
        display_name: "Cán bộ thử",
        role,
        unit,
    }
}

#[tokio::test]
async fn accounts_are_checked_then_created_disabled_and_reset() {
    let app = spawn_app().await;
    let store = &app.store;
    for (bad, why) in [
        (
            account("ab", "commune_officer", Some("16816")),
            "Tên đăng nhập",
        ),
        (
            account("Cán.bộ", "commune_officer", Some("16816")),
            "Tên đăng nhập",
        ),
        (account("canbo.x", "chief", Some("16816")), "Vai trò"),
        (
            account("canbo.x", "commune_officer", Some("417")),
            "không hợp",
        ),
        (account("canbo.x", "commune_officer", None), "cần mã đơn vị"),
        (
            account("canbo.x", "commune_officer", Some("99999")),
            "Mã đơn vị",
        ),
        (
            account("thamdinh.x", "provincial_reviewer", Some("16816")),
            "không gắn",
        ),
    ] {
        let err = accounts::create_user(store, bad, "mat-khau-du-dai")
            .await
            .unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }
    assert!(
        accounts::create_user(
            store,
            account("canbo.x", "commune_officer", Some("16816")),
            "ngan"
        )
        .await
        .unwrap_err()
        .to_string()
        .contains("ít nhất 8")
    );
    assert_eq!(store.count_users().await.unwrap(), 0, "nothing was created");

    let password = accounts::new_password();
    accounts::create_user(
        store,
        account("canbo.myly", "commune_officer", Some("16816")),
        &password,
    )
    .await
    .unwrap();
    let dup = accounts::create_user(
        store,
        account("canbo.myly", "commune_officer", Some("16816")),
        &password,
    )
    .await
    .unwrap_err();
    assert!(dup.to_string().contains("đã có"), "{dup}");

    let login = |password: String| {
        let app = &app;
        async move {
            app.http
                .post(app.url("/api/login"))
                .json(&shared::wire::LoginRequest {
                    username: "canbo.myly".into(),
                    password,
                })
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(login(password.clone()).await, 200);
    let fresh = accounts::new_password();
    assert!(
        store
            .set_password("canbo.myly", &backend::auth::hash_password(&fresh).unwrap())
            .await
            .unwrap()
    );
    assert_eq!(login(password).await, 401);
    assert_eq!(login(fresh.clone()).await, 200);
    assert!(store.disable_user("canbo.myly").await.unwrap());
    assert_eq!(login(fresh).await, 401);
    assert!(!store.disable_user("no.such.user").await.unwrap());
}

#[tokio::test]
async fn importing_units_creates_all_accounts_or_none() {
    let app = spawn_app().await;
    let bad = "unit_code,username,display_name,role\n\
               16816,canbo.myly,Lô Thị Mai,commune_officer\n\
               417,canbo.kyson,Vi Văn Hùng,commune_officer\n";
    let err = accounts::import_accounts(&app.store, bad)
        .await
        .unwrap_err();
    assert!(format!("{err:#}").contains("Dòng 3"), "{err:#}");
    assert_eq!(app.store.count_users().await.unwrap(), 0);

    let good = "unit_code,username,display_name,role\n\
                16816,canbo.myly,Lô Thị Mai,commune_officer\n\
                417,canbo.kyson,Vi Văn Hùng,district_officer\n\
                ,thamdinh.ldtbxh,Nguyễn Thị Hoa,provincial_reviewer\n";
    let created = accounts::import_accounts(&app.store, good).await.unwrap();
    assert_eq!(created.len(), 3);
    assert!(created.iter().all(|(_, p)| p.len() == 14));
    assert_eq!(app.store.count_users().await.unwrap(), 3);
}

#[tokio::test]
async fn a_backup_restores_into_an_empty_database_with_the_same_reports() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    // The commune's district reviews it.
    let reviewer = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(417))
        .await;
    let report: DocId = "activity:16816:2022-H1".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    set_narrative(&mut phone.replicas.open(report).doc, "assessment", "Tốt").unwrap();
    tests::submit(&mut phone.replicas.open(report).doc);
    phone.sync(&app).await.unwrap();
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(report);
    desk.sync(&app).await.unwrap();
    let mut copy = desk.replicas.open(report).doc.fork();
    let decision = Decision {
        verdict: Verdict::Returned.as_str().to_string(),
        note: "Bổ sung số liệu".to_string(),
        by: tests::display_name(&desk.token),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(report.review()).doc,
        &report,
        &mut copy,
        decision,
    )
    .unwrap();
    desk.sync(&app).await.unwrap();
    let before = app.received(&reviewer).await;

    // The projection rebuilt from the documents says what the live one says.
    backend::domain::rebuild::rebuild(&app.store).await.unwrap();
    assert_eq!(app.received(&reviewer).await, before);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sao-luu.vstbpnbk");
    backend::backup::backup(&app.store, &file).await.unwrap();
    assert!(
        backend::backup::backup(&app.store, &file).await.is_err(),
        "never overwrites a file"
    );

    // Into a database that has data: refused.
    let err = backend::backup::restore(&app.store, &file)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("trống"), "{err}");
    let broken = dir.path().join("hong.vstbpnbk");
    std::fs::write(&broken, b"VSTBPNBK garbage").unwrap();
    let target_dir = tempfile::tempdir().unwrap();
    let target = Store::connect(&fresh_database(&target_dir).await)
        .await
        .unwrap();
    assert!(backend::backup::restore(&target, &broken).await.is_err());
    assert!(target.is_empty().await.unwrap());

    let restored = backend::backup::restore(&target, &file).await.unwrap();
    assert_eq!(restored.documents.len(), 2);
    let mut original = app.store.load_document(report).await.unwrap().unwrap().doc;
    let mut back = target.load_document(report).await.unwrap().unwrap().doc;
    assert_eq!(original.get_heads(), back.get_heads());
    assert_eq!(
        app.store.changes_of(report).await.unwrap(),
        target.changes_of(report).await.unwrap()
    );
    let rows = target.received_reports().await.unwrap();
    let live = app.store.received_reports().await.unwrap();
    assert_eq!(rows, live);
    // The restored accounts log in with their old passwords (sessions are not kept).
    assert!(
        target
            .user_by_username("canbo.myly")
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn projections_rebuilt_from_documents_match_the_live_ones_figures_and_states() {
    let app = spawn_app().await;
    let officer = app
        .user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    // The commune's district reviews it.
    let reviewer = app
        .user("canbo.kyson", Role::DistrictOfficer, Some(417))
        .await;
    let report: DocId = "programme:16816:2022".parse().unwrap();
    let mut phone = Client::new("phone", &officer);
    {
        let doc = &mut phone.replicas.open(report).doc;
        shared::report::programme::set_numerator(doc, "3.2a.1", Some(1)).unwrap();
        shared::report::programme::set_denominator(doc, "3.2a.1", Some(2)).unwrap();
        tests::submit(doc);
    }
    phone.sync(&app).await.unwrap();
    let mut desk = Client::new("desk", &reviewer);
    desk.replicas.open(report);
    desk.sync(&app).await.unwrap();
    let mut copy = desk.replicas.open(report).doc.fork();
    let decision = Decision {
        verdict: Verdict::Approved.as_str().to_string(),
        by: tests::display_name(&desk.token),
        ..Decision::default()
    };
    decide(
        &mut desk.replicas.open(report.review()).doc,
        &report,
        &mut copy,
        decision,
    )
    .unwrap();
    desk.sync(&app).await.unwrap();

    let figures = app.store.figures(Period::Year(2022)).await.unwrap();
    assert_eq!(figures.len(), 1);
    assert_eq!(figures[0].entered.indicator, "3.2a.1");
    assert_eq!(
        (figures[0].entered.numerator, figures[0].entered.denominator),
        (Some(1), Some(2))
    );
    assert_eq!(
        app.received(&reviewer).await[0].state,
        ReportState::Approved
    );

    // An edit after approval shows in the list without opening the document.
    shared::report::programme::set_numerator(
        &mut phone.replicas.open(report).doc,
        "3.2a.1",
        Some(2),
    )
    .unwrap();
    phone.sync(&app).await.unwrap();
    let live = app.received(&reviewer).await;
    assert_eq!(live[0].state, ReportState::EditedAfterApproval);
    let live_figures = app.store.figures(Period::Year(2022)).await.unwrap();
    assert_eq!(live_figures[0].entered.numerator, Some(2));

    backend::domain::rebuild::rebuild(&app.store).await.unwrap();
    assert_eq!(app.received(&reviewer).await, live);
    assert_eq!(
        app.store.figures(Period::Year(2022)).await.unwrap(),
        live_figures
    );
}
