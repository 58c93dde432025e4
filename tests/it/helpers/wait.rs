//! Waiting on a condition instead of sleeping: poll until it holds, or panic naming what
//! never happened.

use std::{future::Future, time::Duration};

use frontdesk::store::Store;

/// How often a condition is checked again.
const POLL: Duration = Duration::from_millis(20);

/// Waits until `check` holds, polling; panics with `what` after `timeout`.
pub async fn wait_until<F, Fut>(timeout: Duration, what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = bool>,
{
    wait_for(timeout, what, || {
        let fut = check();
        async move { fut.await.then_some(()) }
    })
    .await
}

/// Waits until `check` gives a value, polling; panics with `what` after `timeout`.
pub async fn wait_for<T, F, Fut>(timeout: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(found) = check().await {
            return found;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out after {timeout:?} waiting for: {what}");
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until every stored webhook event is handled and no message to `chats` waits to be
/// sent: after it, what the platform received for them is final (an answer is written with
/// the event that caused it, so nothing more can come).
pub async fn settled(store: &Store, chats: &[&str]) {
    let what = format!("every event handled and every message to {chats:?} sent or failed");
    wait_until(Duration::from_secs(20), &what, || async {
        if store.inbox_pending_count().await.unwrap() != 0 {
            return false;
        }
        for chat in chats {
            for id in store.outbox_ids_for(&super::chat_id(chat)).await.unwrap() {
                if store.outbox_record(id).await.unwrap().is_some_and(|r| r.0 == "pending") {
                    return false;
                }
            }
        }
        true
    })
    .await
}

/// The finished outbox row of the first message to `chat`: (state, note, error, attempts).
pub async fn first_message_finished(store: &Store, chat: &str) -> (String, Option<String>, Option<String>, i64) {
    wait_for(Duration::from_secs(20), "the outbox row to finish", || async {
        let id = *store.outbox_ids_for(&super::chat_id(chat)).await.unwrap().first()?;
        store.outbox_record(id).await.unwrap().filter(|r| r.0 != "pending")
    })
    .await
}
