//! The tasks' texts the phone's embedded plan leaves out: a department's device fetches
//! them after signing in and must get every bullet of every task, exactly.

use shared::plan::{Plan, bullets};
use tests::spawn_app;

#[tokio::test]
async fn a_department_device_gets_every_bullet_of_every_task_the_phone_plan_leaves_out() {
    let app = spawn_app().await;
    let response = app
        .http
        .get(app.url("/api/plan/task-texts"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; charset=utf-8")
    );
    let lines = response.text().await.unwrap();
    let full = shared::plan::plan();
    // The plan as the phone embeds it, with the lines put back, has every task's content
    // (the texts it leaves out otherwise, no phone page shows: `plan::to_postcard`).
    let phone = Plan::from_postcard(shared::plan::PLAN_POSTCARD).unwrap();
    assert!(phone.tasks.iter().all(|t| t.content.is_empty()));
    assert_eq!(phone.tasks.len(), full.tasks.len());
    for (task, whole) in phone.tasks.iter().zip(&full.tasks) {
        assert_eq!(task.number, whole.number);
        let content: Vec<String> = bullets(&lines, &task.number).map(String::from).collect();
        assert_eq!(content, whole.content, "task {}", task.number);
    }
    let bullets_sent = lines.lines().count();
    let bullets_in_plan: usize = full.tasks.iter().map(|t| t.content.len()).sum();
    assert_eq!(bullets_sent, bullets_in_plan);
}
