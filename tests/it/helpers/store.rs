//! The store without the service, for tests at the storage level: a migrated store on a
//! test database, and webhook events stored the way the webhook stores them.

use frontdesk::store::{NewInboxEvent, Store};

use super::db::TestDb;

impl TestDb {
    /// A store on this database, migrated.
    pub async fn store(&self) -> Store {
        let store = Store::connect(self.url()).await.unwrap();
        store.migrate().await.unwrap();
        store
    }
}

/// A text message event from chat `chat` that happened at `ts`.
pub fn inbox_event(key: &str, chat: &str, ts: i64) -> NewInboxEvent {
    NewInboxEvent {
        event_key: key.into(),
        chat_key: chat.into(),
        event_type: "message".into(),
        event_ts: ts,
        is_redelivery: false,
        raw: "{}".into(),
        stale: false,
    }
}

/// Stores events the way the webhook does: queued, then written by the ingest's flush at
/// `received` (ms).
pub async fn store_events(store: &Store, events: Vec<NewInboxEvent>, received: i64) {
    let answer = store.queue_inbox(events);
    store.flush_queued_inbox(received).await;
    answer.await.unwrap().unwrap();
}
