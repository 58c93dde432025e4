//! Leases: short, renewed by the holder's heartbeat while it works, taken over at once by
//! a SQLite process that starts; on each database.

use std::time::Duration;

use frontdesk::{
    clock::now_ms,
    line::fake::{Endpoint, Failure},
    store::Store,
};

use crate::helpers::*;

async fn store_with(db: &TestDb, keys: &[&str]) -> Store {
    let store = db.store().await;
    let events = keys.iter().map(|k| inbox_event(k, &format!("U{k}"), now_ms())).collect();
    store_events(&store, events, now_ms()).await;
    store
}

#[tokio::test]
async fn a_heartbeat_keeps_its_own_leases_and_leaves_the_others_to_run_out() {
    each_backend(|db| async move {
        let store = store_with(&db, &["a", "b"]).await;
        let now = now_ms();
        assert_eq!(store.claim_inbox("alive", now, now + 1_000, 1).await.unwrap().len(), 1);
        assert_eq!(store.claim_inbox("dead", now, now + 1_000, 1).await.unwrap().len(), 1);
        let held = store.renew_leases(&["alive".to_owned(), "alive-out".to_owned()], now + 60_000).await.unwrap();
        assert_eq!(held, (1, 0), "{}", db.backend());
        // Two seconds later: the dead holder's lease has run out, the live one's has not.
        let later = store.claim_inbox("other", now + 2_000, now + 60_000, 10).await.unwrap();
        assert_eq!(later.len(), 1, "only the lease nobody renewed moves");
        assert_eq!(store.renew_leases(&["dead".to_owned()], now + 60_000).await.unwrap(), (0, 0), "no longer its own");
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn taking_over_frees_every_lease_and_keeps_the_claims_counted() {
    each_backend(|db| async move {
        let store = store_with(&db, &["a", "b"]).await;
        let now = now_ms();
        assert_eq!(store.claim_inbox("killed", now, now + 60_000, 10).await.unwrap().len(), 2);
        assert_eq!(store.leases_live(now).await.unwrap(), (2, 0));
        assert_eq!(store.take_over_leases().await.unwrap(), (2, 0), "{}", db.backend());
        let again = store.claim_inbox("started", now, now + 60_000, 10).await.unwrap();
        assert_eq!(again.len(), 2, "claimable at once, not after the lease");
        assert!(again.iter().all(|e| e.attempts == 2), "the killed process's attempt still counts");
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn a_push_slower_than_the_lease_is_not_taken_over_while_it_runs() {
    each_backend(|db| async move {
        let mut settings = test_settings();
        settings.workers.lease_seconds = 5;
        settings.workers.heartbeat_millis = 1000;
        settings.line.request_timeout_seconds = 20;
        let app = TestApp::on(db, settings).await;
        let fake = &app.fake;
        let user = fake.add_user("resident", Some("ja"));
        // The reply fails, and the push that follows takes longer than a lease to answer.
        fake.fail_next(Endpoint::Reply, Failure::InvalidReplyToken, 1);
        fake.fail_next(Endpoint::Push, Failure::AcceptThenDelay(Duration::from_secs(8)), 1);
        assert_eq!(fake.send_events(vec![fake.text_event(&user, "こんにちは")]).await.unwrap().status, 200);
        wait_until(Duration::from_secs(20), "the slow push is answered and recorded", || async {
            app.store.leases_live(now_ms()).await.unwrap() == (0, 0)
                && fake.calls().iter().any(|c| c.path.ends_with("/push") && c.status == 200)
                && app.store.inbox_pending_count().await.unwrap() == 0
        })
        .await;
        let pushes = fake.calls().iter().filter(|c| c.path.ends_with("/push")).count();
        assert_eq!(pushes, 1, "nobody took the row over while its push was under way, {}", app.db.backend());
        assert_eq!(fake.delivered(&user).len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_second_service_on_one_sqlite_file_refuses_to_start() {
    // SQLite only: it serves one instance, whose start takes every lease over. (PostgreSQL
    // serves several: tests/it/multi_instance.rs.)
    let mut app = TestApp::new().await;
    let second = frontdesk::app::start(config_for(app.db.url(), &app.fake, test_settings())).await;
    assert!(matches!(second, Err(frontdesk::app::StartError::AlreadyServing(_))), "the second start is refused");
    app.restart().await;
}

#[tokio::test]
async fn a_worker_whose_round_failed_gives_its_leases_back_instead_of_keeping_them_alive() {
    each_backend(|db| async move {
        let store = store_with(&db, &["a", "b"]).await;
        let now = now_ms();
        assert_eq!(store.claim_inbox("w-0", now, now + 60_000, 10).await.unwrap().len(), 2);
        assert_eq!(store.claim_inbox("w-1", now, now + 60_000, 10).await.unwrap().len(), 0);
        assert_eq!(store.release_owned("w-0").await.unwrap(), 2, "{}", db.backend());
        assert_eq!(
            store.renew_leases(&["w-0".to_owned()], now + 60_000).await.unwrap(),
            (0, 0),
            "nothing to keep alive"
        );
        let again = store.claim_inbox("w-1", now, now + 60_000, 10).await.unwrap();
        assert_eq!(again.len(), 2, "claimable at once");
        assert!(again.iter().all(|e| e.attempts == 2), "the failed attempt still counts");
        store.close().await;
    })
    .await;
}
