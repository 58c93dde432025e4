//! Live staff pages: a page's event stream announces changes as they happen, on SQLite in
//! one process, and across instances through PostgreSQL's LISTEN/NOTIFY.

use std::time::Duration;

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
        let mut app = TestApp::on(db, test_settings()).await;
        let mut r = app.resident("R", Some("ja"));
        let number = r.open_case(&app, false, "home_safe").await;
        let b = app.staff("tanaka", "staff", &["consultation"]).await;
        b.act(&format!("/staff/cases/{number}/claim"), &[]).await;
        let mut stream = b.get(&format!("/staff/cases/{number}/events")).await;
        assert_eq!(stream.status(), 200);
        assert_eq!(stream.headers()["content-type"], "text/event-stream");
        r.say("いま話せますか").await;
        wait_for_change(&mut stream, "the resident's message").await;
        // The queue page's stream hears new cases.
        let mut queue = b.get("/staff/events").await;
        let mut other = app.resident("S", Some("ja"));
        other.open_case(&app, false, "home_safe").await;
        wait_for_change(&mut queue, "a new case").await;
        // A stream ends when the service stops, so shutdown is not held up.
        app.stop().await;
        let ended = tokio::time::timeout(Duration::from_secs(5), async {
            while stream.chunk().await.is_ok_and(|c| c.is_some()) {}
        })
        .await;
        assert!(ended.is_ok(), "the stream ended with the service");
    })
    .await;
}

#[tokio::test]
async fn a_dashboard_on_another_instance_hears_changes_through_postgres() {
    let Some(db) = TestDb::postgres_or_skip().await else { return };
    let mut app = TestApp::on(db, test_settings()).await;
    // Instance B receives no webhooks and runs no workers: it only serves a dashboard.
    let mut quiet = test_settings();
    quiet.workers.enabled = false;
    let b_app = app.another_instance(quiet).await;
    let pw = app.add_staff("tanaka", "staff", &["consultation"]).await;
    let on_b = StaffBrowser::login(&b_app.base_url(), "tanaka", &pw).await;
    let mut stream = on_b.get("/staff/events").await;
    assert_eq!(stream.status(), 200);
    let mut r = app.resident("R", Some("ja"));
    let number = r.open_case(&app, false, "home_safe").await;
    wait_for_change(&mut stream, "a case opened through the other instance").await;
    assert!(on_b.page("/staff").await.contains(number.as_str()));
}

/// Reads a stream until its first `event: change`; returns what came before it and its data.
async fn first_change(res: &mut reqwest::Response, what: &str) -> (String, String) {
    let mut seen = String::new();
    let found = tokio::time::timeout(Duration::from_secs(10), async {
        while let Some(chunk) = res.chunk().await.unwrap() {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if let Some(at) = seen.find("event: change") {
                let rest = &seen[at..];
                if let Some(end) = rest.find("\n\n") {
                    let data = rest[..end].lines().find_map(|l| l.strip_prefix("data: ")).unwrap_or("").to_owned();
                    return (seen[..at].to_owned(), data);
                }
            }
        }
        panic!("the stream ended before a change for {what}: {seen:?}");
    })
    .await;
    found.unwrap_or_else(|_| panic!("no change event for {what}: {seen:?}"))
}

#[tokio::test]
async fn a_queue_stream_announces_only_cases_its_account_may_see() {
    each_backend(|db| async move {
        let app = TestApp::on(db, test_settings()).await;
        let on_coord = app.staff("coord", "coordinator", &[]).await;
        let on_centre = app.staff("centre", "staff", &["consultation"]).await;
        let mut coord_stream = on_coord.get("/staff/events").await;
        let mut centre_stream = on_centre.get("/staff/events").await;
        // A case without consent to share: the centre's alone. Then a shelter case.
        let private = app.resident("A", Some("ja")).open_case(&app, false, "car").await;
        let shelter = app.resident("B", Some("ja")).open_case(&app, true, "car").await;
        let (before, data) = first_change(&mut centre_stream, "the centre's case").await;
        assert_eq!(data, private.as_str(), "{before}");
        let (before, data) = first_change(&mut coord_stream, "the shelter case").await;
        assert_eq!(data, shelter.as_str(), "the coordinator's first news is the shelter case");
        assert!(!before.contains(private.as_str()), "nothing of the private case reached the partner: {before}");
    })
    .await;
}

/// Waits until a stream is closed by the service.
async fn ended(mut res: reqwest::Response, what: &str) {
    let closed =
        tokio::time::timeout(Duration::from_secs(15), async { while res.chunk().await.is_ok_and(|c| c.is_some()) {} })
            .await;
    assert!(closed.is_ok(), "the stream still runs after {what}");
}

#[tokio::test]
async fn streams_end_when_their_session_ends_by_logout_expiry_or_a_disabled_account() {
    let app = TestApp::new().await;
    let number = app.resident("R", Some("ja")).open_case(&app, false, "home_safe").await;
    let mut sessions = Vec::new();
    for name in ["leaves", "idles", "disabled"] {
        let b = app.staff(name, "staff", &["consultation"]).await;
        let queue = b.get("/staff/events").await;
        let case = b.get(&format!("/staff/cases/{number}/events")).await;
        assert_eq!((queue.status().as_u16(), case.status().as_u16()), (200, 200));
        sessions.push((b, queue, case));
    }
    assert_eq!(sessions[0].0.post("/staff/logout", &[]).await.status(), 303);
    let idle = frontdesk::credentials::digest(sessions[1].0.cookie.as_ref().unwrap().trim_start_matches("fd_session="));
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(app.db.url()).await.unwrap();
    sqlx::query("UPDATE staff_sessions SET last_seen_at = 0 WHERE id_hash = $1")
        .bind(&idle)
        .execute(&mut conn)
        .await
        .unwrap();
    assert!(app.store.disable_staff("disabled").await.unwrap());
    for ((_, queue, case), what) in sessions.into_iter().zip(["logout", "idle expiry", "disabling the account"]) {
        ended(queue, what).await;
        ended(case, what).await;
    }
}

#[tokio::test]
async fn a_case_transferred_out_of_a_partners_sight_leaves_its_queue_page_at_once() {
    let app = TestApp::new().await;
    let boss = app.add_staff("boss", "admin", &[]).await;
    let shelter = app.resident("R", Some("ja")).open_case(&app, true, "car").await;
    let on_coord = app.staff("coord", "coordinator", &[]).await;
    assert!(on_coord.page("/staff/queue/rows").await.contains(shelter.as_str()));
    let mut stream = on_coord.get("/staff/events").await;
    // The centre takes the case back: the coordinator may no longer see it.
    let admin = app.login("boss", &boss).await;
    admin.act(&format!("/staff/cases/{shelter}/transfer"), &[("queue", "consultation")]).await;
    let (_, data) = first_change(&mut stream, "the case leaving the coordinator's queue").await;
    assert_eq!(data, "", "told to re-read, without the number");
    assert!(!on_coord.page("/staff/queue/rows").await.contains(shelter.as_str()));
}
