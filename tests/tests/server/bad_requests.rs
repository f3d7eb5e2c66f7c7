//! What a reviewer's view answers to a request it cannot serve: a period with no such
//! report, a missing or malformed parameter, a district officer asking for another
//! district. Each gets its status and a Vietnamese JSON error, from the page's endpoint
//! and from its official file alike.

use shared::access::Role;
use shared::wire::ErrorBody;
use tests::{TestApp, spawn_app};

/// The status and the error text of a GET that must fail.
async fn refused(app: &TestApp, token: &str, path: &str) -> (u16, String) {
    let (status, content_type, body) = app.get_bytes(token, path).await;
    assert!(
        content_type.starts_with("application/json"),
        "{path}: {content_type} {}",
        String::from_utf8_lossy(&body)
    );
    let error: ErrorBody = serde_json::from_slice(&body).unwrap();
    (status, error.error)
}

#[tokio::test]
async fn a_period_without_the_report_and_bad_parameters_are_refused_in_vietnamese() {
    let app = spawn_app().await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    // Phụ lục 2 is a yearly report: there is none for the first half, nor for 2023.
    for path in [
        "/api/consolidated?period=2022-H1",
        "/api/export/phu-luc-2.xlsx?period=2022-H1",
        "/api/consolidated?period=2023",
        "/api/export/phu-luc-2.xlsx?period=2023",
    ] {
        let (status, error) = refused(&app, &reviewer, path).await;
        assert_eq!(status, 400, "{path}");
        assert!(error.contains("Không có báo cáo"), "{path}: {error}");
    }
    for path in [
        "/api/export/bao-cao-hoat-dong.docx?period=2023",
        "/api/export/tinh-hinh-nop.xlsx?period=2023",
        "/api/overview?period=2023",
    ] {
        let (status, error) = refused(&app, &reviewer, path).await;
        assert_eq!(
            (status, error.contains("Không có báo cáo")),
            (400, true),
            "{path}: {error}"
        );
    }
    // A missing period, a malformed one, a district that is a commune: 400, in Vietnamese.
    for path in [
        "/api/consolidated",
        "/api/export/phu-luc-2.xlsx",
        "/api/overview?period=2022-H3",
        "/api/export/tinh-hinh-nop.xlsx?period=2022&district=abc",
        "/api/export/bao-cao-hoat-dong.docx?period=2022&district=16816",
        "/api/export/phu-luc-2.xlsx?period=2022&all=maybe",
    ] {
        let (status, error) = refused(&app, &reviewer, path).await;
        assert_eq!(status, 400, "{path}: {error}");
        // Vietnamese, with its diacritics, and no serde or axum English.
        assert!(!error.is_ascii(), "{path}: {error}");
        for english in ["invalid", "missing", "expected", "Failed"] {
            assert!(!error.contains(english), "{path}: {error}");
        }
    }
}

#[tokio::test]
async fn a_district_officer_asking_for_another_district_is_refused_by_every_view() {
    let app = spawn_app().await;
    let con_cuong = app
        .user("huyen.concuong", Role::DistrictOfficer, Some(422))
        .await;
    for view in [
        "/api/consolidated?period=2022",
        "/api/overview?period=2022",
        "/api/export/phu-luc-2.xlsx?period=2022",
        "/api/export/tinh-hinh-nop.xlsx?period=2022",
        "/api/export/bao-cao-hoat-dong.docx?period=2022",
        "/api/export/bao-cao-hoat-dong-phu-luc.docx?period=2022",
        "/api/activity-answers?period=2022",
    ] {
        // Kỳ Sơn is another district: refused, not quietly narrowed to Con Cuông.
        let (status, error) = refused(&app, &con_cuong, &format!("{view}&district=417")).await;
        assert_eq!(status, 403, "{view}");
        assert!(error.contains("huyện mình"), "{view}: {error}");
        // Its own district, asked or not, is served.
        for own in ["", "&district=422"] {
            let (status, _, _) = app.get_bytes(&con_cuong, &format!("{view}{own}")).await;
            assert_eq!(status, 200, "{view}{own}");
        }
    }
}

/// What the units answered is for those who consolidate them: a commune officer or a
/// department gets 403, and a period with no activity report is refused.
#[tokio::test]
async fn the_units_answers_are_refused_to_a_unit_and_for_a_period_without_the_report() {
    let app = spawn_app().await;
    let commune = app.user("xa.myly", Role::CommuneOfficer, Some(16816)).await;
    let reviewer = app.user("thamdinh", Role::ProvincialReviewer, None).await;
    let (status, error) = refused(&app, &commune, "/api/activity-answers?period=2022").await;
    assert_eq!(status, 403, "{error}");
    let (status, error) = refused(&app, &reviewer, "/api/activity-answers?period=2023").await;
    assert_eq!(status, 400);
    assert!(error.contains("Không có báo cáo hoạt động"), "{error}");
    let (status, error) = refused(&app, &reviewer, "/api/activity-answers?period=x").await;
    assert_eq!(status, 400, "{error}");
}
