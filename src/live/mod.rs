//! Live updates for staff pages: a change to a case (a new case, a message, an action, a
//! delivery result) is published here and reaches every page's event stream, on every
//! instance: through PostgreSQL's LISTEN/NOTIFY when several share one database, in memory
//! on SQLite.

use serde::{Deserialize, Serialize};
use tokio::{sync::broadcast, task::JoinHandle};
use tokio_util::sync::CancellationToken;

use crate::{
    ids::{CaseNumber, ChatId},
    store::Store,
};

/// What changed. Pages re-read what they show (with their own access checks), so a change
/// carries only which case or chat it concerns, never its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The case's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseNumber>,
    /// A resident's chat whose messages' delivery state changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat: Option<ChatId>,
}

impl Change {
    pub fn case(number: &CaseNumber) -> Self {
        Change { case: Some(number.clone()), chat: None }
    }

    pub fn chat(chat_id: &ChatId) -> Self {
        Change { case: None, chat: Some(chat_id.clone()) }
    }
}

#[derive(Clone)]
pub struct Live {
    store: Store,
    tx: broadcast::Sender<Change>,
}

impl Live {
    pub fn new(store: Store) -> Self {
        let (tx, _) = broadcast::channel(1024);
        Live { store, tx }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.tx.subscribe()
    }

    /// Publishes changes. Best effort: a page that misses one catches up when it next
    /// refreshes or reconnects; the change itself is already committed. On PostgreSQL the
    /// changes travel as one notification per batch, sent by a task of its own so the
    /// caller (a worker) does not wait for it.
    pub async fn publish(&self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        if !self.store.shares_changes() {
            for change in changes {
                let _ = self.tx.send(change);
            }
            return;
        }
        let store = self.store.clone();
        let tx = self.tx.clone();
        tokio::spawn(async move {
            // NOTIFY payloads are limited to 8000 bytes.
            for chunk in changes.chunks(50) {
                let payload = serde_json::to_string(chunk).unwrap_or_default();
                if let Err(e) = store.notify_change(&payload).await {
                    tracing::warn!(error = %e, "could not publish changes to other instances");
                    for change in chunk {
                        let _ = tx.send(change.clone());
                    }
                }
            }
        });
    }

    /// On PostgreSQL, relays every instance's changes (this one's included) to this
    /// instance's pages until `shutdown`.
    pub async fn spawn_listener(
        &self,
        shutdown: CancellationToken,
    ) -> Result<Option<JoinHandle<()>>, crate::store::StoreError> {
        let Some(mut listener) = self.store.listen_changes().await? else { return Ok(None) };
        let tx = self.tx.clone();
        Ok(Some(tokio::spawn(async move {
            loop {
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    got = listener.recv() => match got {
                        Ok(n) => {
                            for change in serde_json::from_str::<Vec<Change>>(n.payload()).unwrap_or_default() {
                                let _ = tx.send(change);
                            }
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "change listener lost its connection; reconnecting");
                            tokio::select! {
                                _ = shutdown.cancelled() => break,
                                _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                            }
                        }
                    }
                }
            }
            tracing::debug!("change listener stopped");
        })))
    }
}
