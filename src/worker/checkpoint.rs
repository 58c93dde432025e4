//! SQLite only: moves committed WAL frames into the database file from a reader
//! connection, so the writer's own checkpoint-on-commit finds little left to do (see
//! `Store::connect`).

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::store::Store;

/// Often enough that the WAL stays a few megabytes under load; an idle database costs one
/// cheap statement per tick.
const EVERY: Duration = Duration::from_millis(250);

pub async fn run(store: Store, shutdown: CancellationToken) {
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(EVERY) => {}
        }
        if let Err(e) = store.checkpoint().await {
            tracing::warn!(error = %e, "WAL checkpoint failed");
        }
    }
    tracing::debug!("checkpoint task stopped");
}
