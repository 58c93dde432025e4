//! Group commit for the webhook: requests queue their events in the store, and one task
//! writes whatever has queued up in a single transaction, so a burst costs one fsync
//! instead of one per request, and durability is not weakened. On SQLite a worker's
//! transaction may take queued events in before this task gets the writer (`store::group_commit`).

use std::sync::Arc;

use tokio::sync::{mpsc, Notify};

use crate::{
    clock::now_ms,
    store::{NewInboxEvent, Store},
};

/// Why events were not stored (and so must not be acknowledged).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("could not store events")]
    NotStored,
    #[error("shutting down")]
    ShuttingDown,
}

#[derive(Clone)]
pub struct Ingest {
    store: Store,
    wake_inbox: Arc<Notify>,
    /// Held only to be dropped: when the last handle goes, the task writes what is queued
    /// and ends.
    _alive: mpsc::Sender<()>,
}

impl Ingest {
    /// Starts the writer task. It ends when every `Ingest` handle is dropped, after the
    /// last queued events are written, so a graceful shutdown acknowledges nothing unstored.
    pub fn spawn(store: Store, wake_inbox: Arc<Notify>) -> (Self, tokio::task::JoinHandle<()>) {
        let (alive, gone) = mpsc::channel(1);
        let handle = tokio::spawn(run(store.clone(), gone));
        (Ingest { store, wake_inbox, _alive: alive }, handle)
    }

    /// Stores `events`; returns once they are committed, with `true` for each new event.
    pub async fn submit(&self, events: Vec<NewInboxEvent>) -> Result<Vec<bool>, IngestError> {
        match self.store.queue_inbox(events).await {
            Ok(Ok(fresh)) => {
                self.wake_inbox.notify_one();
                Ok(fresh)
            }
            Ok(Err(e)) => {
                tracing::error!(error = %e, "storing webhook events failed");
                // Not acknowledged: LINE keeps the events and, with redelivery on, retries.
                Err(IngestError::NotStored)
            }
            Err(_) => Err(IngestError::ShuttingDown),
        }
    }
}

async fn run(store: Store, mut gone: mpsc::Receiver<()>) {
    loop {
        tokio::select! {
            _ = store.inbox_queued() => flush(&store).await,
            None = gone.recv() => break,
        }
    }
    flush(&store).await;
}

/// Writes until nothing is waiting.
async fn flush(store: &Store) {
    while store.flush_queued_inbox(now_ms()).await > 0 {}
}
