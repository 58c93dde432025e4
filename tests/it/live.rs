//! Live staff pages: a page's event stream announces changes as they happen, on SQLite in
//! one process, and across instances through PostgreSQL's LISTEN/NOTIFY.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::helpers::*;

/// Reads a server-sent event stream until an `event: change` arrives.
async fn wait_for_change(res: &mut reqwest::Response, what: &str) {
    let mut seen = String::new();
    let waited = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(chunk) = res.chunk().await.unwrap() {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if seen.contains("event: change") {
                return;
            }
        }
    })
    .await;
    assert!(waited.is_ok() && seen.contains("event: change"), "no change event for {what}: {seen:?}");
}

#[tokio::test]
async fn a_case_pages_stream_announces_a_residents_message_as_it_arrives() {
    each_backend(|db| async move {
        let stop = CancellationToken::new();
        let fake = fake_line(&stop).await;
        let app = spawn_app(db.url(), &fake, test_settings()).await;
        let pw = add_staff(&app, "tanaka", "staff", &["consultation"]).await;
        let mut r = Resident::new(&fake, "R", Some("ja"));
        let number = resident_with_case(&app, &mut r, false, "home_safe").await;
        let b = StaffBrowser::login(&app, "tanaka", &pw).await;
        b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        let mut stream = b.get(&format!("/staff/cases/{number}/events")).await;
        assert_eq!(stream.status(), 200);
        assert_eq!(stream.headers()["content-type"], "text/event-stream");
        r.say("いま話せますか").await;
        wait_for_change(&mut stream, "the resident's message").await;
        // The queue page's stream hears new cases.
        let mut queue = b.get("/staff/events").await;
        let mut other = Resident::new(&fake, "S", Some("ja"));
        resident_with_case(&app, &mut other, false, "home_safe").await;
        wait_for_change(&mut queue, "a new case").await;
        // A stream ends when the service stops, so shutdown is not held up.
        app.stop().await;
        let ended = tokio::time::timeout(Duration::from_secs(5), async {
            while stream.chunk().await.is_ok_and(|c| c.is_some()) {}
        })
        .await;
        assert!(ended.is_ok(), "the stream ended with the service");
        stop.cancel();
    })
    .await;
}

#[tokio::test]
async fn a_dashboard_on_another_instance_hears_changes_through_postgres() {
    let Some(db) = TestDb::postgres().await else {
        eprintln!(
            "SKIPPED a_dashboard_on_another_instance_hears_changes_through_postgres: TEST_DATABASE_URL is not set"
        );
        return;
    };
    let stop = CancellationToken::new();
    let fake = fake_line(&stop).await;
    // Instance B receives no webhooks and runs no workers: it only serves a dashboard.
    let mut quiet = test_settings();
    quiet.workers.enabled = false;
    let b_app = frontdesk::app::start(config_for(db.url(), &fake, quiet)).await.unwrap();
    let a_app = spawn_app(db.url(), &fake, test_settings()).await;
    let pw = add_staff(&a_app, "tanaka", "staff", &["consultation"]).await;
    let on_b = StaffBrowser::login(&b_app, "tanaka", &pw).await;
    let mut stream = on_b.get("/staff/events").await;
    assert_eq!(stream.status(), 200);
    let mut r = Resident::new(&fake, "R", Some("ja"));
    let number = resident_with_case(&a_app, &mut r, false, "home_safe").await;
    wait_for_change(&mut stream, "a case opened through the other instance").await;
    assert!(on_b.page("/staff").await.contains(&number));
    a_app.stop().await;
    b_app.stop().await;
    stop.cancel();
    db.drop_database().await;
}
