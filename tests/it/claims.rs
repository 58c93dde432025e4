//! The inbox claim at the storage level, on each database: the next batch claimed in the
//! transaction that finishes the last, claims given back by a stopping worker, and webhook
//! events taken into a worker's commit.

use frontdesk::store::{ClaimNext, InboxOutcome};

use crate::helpers::*;

#[tokio::test]
async fn finishing_a_batch_claims_a_residents_next_event_in_the_same_commit() {
    each_backend(|db| async move {
        let store = db.store().await;
        store_events(
            &store,
            vec![inbox_event("a1", "Ua", 1), inbox_event("a2", "Ua", 2), inbox_event("b1", "Ub", 1)],
            frontdesk::clock::now_ms(),
        )
        .await;
        // After the flush: an event is claimable from the moment it was stored.
        let now = frontdesk::clock::now_ms();
        let first = store.claim_inbox("w", now, now + 60_000, 10).await.unwrap();
        let keys: Vec<&str> = first.iter().map(|e| e.event_key.as_str()).collect();
        assert_eq!(keys, ["a1", "b1"], "one event per resident, {}", db.backend());
        // Nothing more can be claimed while those are held.
        assert!(store.claim_inbox("other", now, now + 60_000, 10).await.unwrap().is_empty());

        let results = first.iter().map(|e| (e.seq, InboxOutcome::Skipped("test"))).collect();
        let next = Some(ClaimNext { lease_until: now + 60_000, limit: 10 });
        let done = store.finish_inbox("w", now, results, None, next).await.unwrap();
        let keys: Vec<&str> = done.claimed.iter().map(|e| e.event_key.as_str()).collect();
        assert_eq!(keys, ["a2"], "a1 is done in the same transaction, so a2 is ready");
        assert!(store.claim_inbox("other", now, now + 60_000, 10).await.unwrap().is_empty(), "a2 is leased");
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn claims_given_back_are_claimable_at_once_and_not_counted_as_attempts() {
    each_backend(|db| async move {
        let store = db.store().await;
        store_events(&store, vec![inbox_event("a1", "Ua", 1)], frontdesk::clock::now_ms()).await;
        // After the flush: an event is claimable from the moment it was stored.
        let now = frontdesk::clock::now_ms();
        let claimed = store.claim_inbox("w", now, now + 60_000, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        // Another owner cannot give back what it does not hold.
        store.release_inbox("other", &[claimed[0].seq]).await.unwrap();
        assert!(store.claim_inbox("other", now, now + 60_000, 10).await.unwrap().is_empty());
        store.release_inbox("w", &[claimed[0].seq]).await.unwrap();
        assert_eq!(store.inbox_state("a1").await.unwrap(), Some(("pending".into(), 0)), "{}", db.backend());
        let again = store.claim_inbox("other", now, now + 60_000, 10).await.unwrap();
        assert_eq!(again.len(), 1, "claimable before the lease would have run out");
        assert_eq!(again[0].attempts, 1);
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn on_sqlite_a_workers_commit_stores_the_webhook_events_waiting_for_one() {
    each_backend(|db| async move {
        let store = db.store().await;
        let now = frontdesk::clock::now_ms();
        let mut waiting =
            store.queue_inbox(vec![inbox_event("q1", "Uq", 1), inbox_event("q1", "Uq", 1), inbox_event("q2", "Ur", 1)]);
        // An outbox commit with nothing of its own to record.
        store.finish_outbox("w", now, &[]).await.unwrap();
        if db.backend() == "sqlite" {
            let fresh = waiting.try_recv().expect("answered by the worker's commit").unwrap();
            assert_eq!(fresh, [true, false, true], "the repeated key is a duplicate");
        } else {
            // PostgreSQL: the ingest task's own transaction runs beside the workers'.
            assert!(waiting.try_recv().is_err(), "left for the ingest task");
            assert_eq!(store.flush_queued_inbox(now).await, 3);
            assert_eq!(waiting.await.unwrap().unwrap(), [true, false, true]);
        }
        assert_eq!(store.inbox_state("q1").await.unwrap(), Some(("pending".into(), 0)));
        let claimed = store.claim_inbox("w", now, now + 60_000, 10).await.unwrap();
        assert_eq!(claimed.len(), 2);
        assert_eq!(store.flush_queued_inbox(now).await, 0, "nothing left waiting");
        store.close().await;
    })
    .await;
}
