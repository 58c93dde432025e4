//! The lease heartbeat: while this process's workers hold inbox events or outbox rows, their
//! leases are renewed every `heartbeat_millis`. A lease can then be short, so the work of an
//! instance that died moves to another within `lease_seconds`, and still never runs out
//! under a live worker, however long its batch or its call to LINE takes.

use std::{sync::Arc, time::Duration};

use tokio_util::sync::CancellationToken;

use crate::{clock::now_ms, config::WorkerSettings, metrics::Metrics, store::Store};

/// Renews the leases of `owners` (the lease owners of this process's workers) until shutdown.
pub async fn run(
    store: Store,
    owners: Vec<String>,
    settings: WorkerSettings,
    metrics: Arc<Metrics>,
    shutdown: CancellationToken,
) {
    let every = Duration::from_millis(settings.heartbeat_millis);
    let lease_ms = settings.lease_seconds as i64 * 1000;
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            _ = tokio::time::sleep(every) => {}
        }
        match store.renew_leases(&owners, now_ms() + lease_ms).await {
            Ok((inbox, outbox)) => {
                metrics.inbox_leases_held.store(inbox, std::sync::atomic::Ordering::Relaxed);
                metrics.outbox_leases_held.store(outbox, std::sync::atomic::Ordering::Relaxed);
            }
            // The leases run out after `lease_seconds` unless a later beat lands: another
            // process may then take the work over (a push carries its retry key, so a
            // message sent twice that way is accepted once).
            Err(e) => tracing::warn!(error = %e, "renewing leases failed"),
        }
    }
}
