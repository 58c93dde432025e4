//! Retention on a schedule (`[retention] purge_every_hours`): old closed cases anonymised,
//! old webhook events and message bodies removed, expired staff sessions deleted. The same
//! work `frontdesk purge` does once.

use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::{
    clock::now_ms,
    config::{RetentionSettings, StaffSettings},
    store::{Purged, Store, StoreError},
};

const DAY_MS: i64 = 86_400_000;

/// One purge, as of `now`.
pub async fn purge_once(
    store: &Store,
    r: &RetentionSettings,
    s: &StaffSettings,
    now: i64,
) -> Result<Purged, StoreError> {
    let purged = store
        .purge(
            now - r.closed_case_days as i64 * DAY_MS,
            now - r.inbox_days as i64 * DAY_MS,
            now - r.message_days as i64 * DAY_MS,
            now,
        )
        .await?;
    store
        .delete_expired_sessions(
            now - s.session_idle_minutes as i64 * 60_000,
            now - s.session_max_hours as i64 * 3_600_000,
        )
        .await?;
    Ok(purged)
}

pub async fn run(store: Store, retention: RetentionSettings, staff: StaffSettings, shutdown: CancellationToken) {
    let every = Duration::from_secs(retention.purge_every_hours * 3600);
    loop {
        match purge_once(&store, &retention, &staff, now_ms()).await {
            Ok(p) => tracing::info!(cases = p.cases, events = p.inbox_events, messages = p.outbox_rows, "purge done"),
            Err(e) => tracing::error!(error = %e, "purge failed"),
        }
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(every) => {}
        }
    }
    tracing::debug!("purge task stopped");
}
