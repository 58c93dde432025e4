//! Replays: a signed webhook event older than the de-duplication window (`[retention]
//! inbox_days`) is acknowledged and kept, as skipped, never handled again; and the purge
//! never deletes the de-duplication row of an event still inside the window.

use std::time::Duration;

use frontdesk::{clock::now_ms, store::InboxOutcome};
use serde_json::json;

use crate::helpers::*;

const DAY_MS: i64 = 86_400_000;

#[tokio::test]
async fn an_event_older_than_the_deduplication_window_is_stored_as_skipped_and_counted() {
    each_backend(|db| async move {
        let mut settings = test_settings();
        settings.retention.inbox_days = 2;
        let app = TestApp::on(db, settings).await;
        let fake = &app.fake;
        let user = fake.add_user("resident", Some("ja"));

        // A crisis message captured three days ago and sent again: it would open a crisis
        // case and alert coordinators if it were handled.
        let mut old = fake.text_event(&user, "死にたい");
        old["timestamp"] = json!(now_ms() - 3 * DAY_MS);
        let key = old["webhookEventId"].as_str().unwrap().to_owned();
        assert_eq!(fake.send_events(vec![old]).await.unwrap().status, 200, "acknowledged, so LINE stops");
        assert_eq!(app.store.inbox_state(&key).await.unwrap().map(|(s, _)| s).as_deref(), Some("skipped"));
        assert_eq!(app.metric("frontdesk_webhook_events_stale_total").await, 1.0, "{}", app.db.backend());
        assert_eq!(app.metric("frontdesk_webhook_events_received_total").await, 0.0);

        // An event inside the window is handled as always; by then the old one would have
        // been answered first if it were going to be.
        let fresh = fake.text_event(&user, "こんにちは");
        assert_eq!(fake.send_events(vec![fresh]).await.unwrap().status, 200);
        let got = fake.wait_delivered(&user, 1, Duration::from_secs(10)).await;
        assert_eq!(got.len(), 1);
        wait_until(Duration::from_secs(10), "the fresh event is handled", || async {
            app.store.inbox_pending_count().await.unwrap() == 0
        })
        .await;
        assert!(app.store.cases_of(&user_id(&user)).await.unwrap().is_empty(), "no crisis case re-opened");
        assert_eq!(fake.delivered(&user).len(), 1, "only the fresh event was answered");
    })
    .await;
}

#[tokio::test]
async fn the_purge_keeps_the_row_of_an_event_that_happened_inside_the_window() {
    each_backend(|db| async move {
        let store = db.store().await;
        let now = now_ms();
        // Both received ten days ago (say, the clock was wrong); one happened ten days ago,
        // the other says it happened yesterday.
        let received = now - 10 * DAY_MS;
        let events =
            vec![inbox_event("old", "Uold", now - 10 * DAY_MS), inbox_event("recent", "Urecent", now - DAY_MS)];
        store_events(&store, events, received).await;
        let claimed = store.claim_inbox("w", now, now + 60_000, 10).await.unwrap();
        let results = claimed.iter().map(|e| (e.seq, InboxOutcome::Skipped("test"))).collect();
        store.finish_inbox("w", now, results, None, None).await.unwrap();

        let cutoff = now - 2 * DAY_MS;
        let purged = store.purge(0, cutoff, 0, now).await.unwrap();
        assert_eq!(purged.inbox_events, 1, "{}", db.backend());
        assert!(store.inbox_state("old").await.unwrap().is_none());
        assert!(store.inbox_state("recent").await.unwrap().is_some(), "a replay of it would not be refused yet");
        store.close().await;
    })
    .await;
}
