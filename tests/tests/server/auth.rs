//! Login over real HTTP: a wrong password or an unknown user gets the same Vietnamese
//! refusal, and a request without a valid token is refused.

use shared::access::Role;
use shared::wire::LoginRequest;
use tests::spawn_app;

#[tokio::test]
async fn bad_logins_are_refused_in_vietnamese() {
    let app = spawn_app().await;
    app.user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    for (username, password) in [("canbo.myly", "sai-mat-khau"), ("khong.ton.tai", "x")] {
        let response = app
            .http
            .post(app.url("/api/login"))
            .json(&LoginRequest {
                username: username.into(),
                password: password.into(),
            })
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "{username}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"], "Sai tên đăng nhập hoặc mật khẩu.");
    }
    let response = app
        .http
        .get(app.url("/api/reports"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn repeated_failures_are_throttled_even_with_the_right_password() {
    let app = spawn_app().await;
    app.user("canbo.myly", Role::CommuneOfficer, Some(16816))
        .await;
    let attempt = |password: &'static str| {
        app.http
            .post(app.url("/api/login"))
            .json(&LoginRequest {
                username: "canbo.myly".into(),
                password: password.into(),
            })
            .send()
    };
    for _ in 0..5 {
        assert_eq!(attempt("sai").await.unwrap().status(), 401);
    }
    let blocked = attempt("mat-khau-thu").await.unwrap();
    assert_eq!(blocked.status(), 429);
    let body: serde_json::Value = blocked.json().await.unwrap();
    assert_eq!(
        body["error"],
        "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."
    );
}
