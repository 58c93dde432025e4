//! The service's tasks, started once its state is built: SQLite checkpoints and the purge,
//! the inbox workers and the outbox sender with their leases' heartbeat, the escalation of
//! unacknowledged alerts, and the HTTP server. Each stops on the one shutdown token.

use std::{
    net::SocketAddr,
    sync::{atomic::Ordering, Arc},
};

use axum::Router;
use tokio::{net::TcpListener, sync::mpsc, task::JoinHandle};
use tokio_util::sync::CancellationToken;

use super::{Built, StartError};
use crate::{
    config::Config,
    conversation::ConversationService,
    worker::{
        alerts::AlertWorker,
        inbox::{Handoff, InboxWorker},
        lease_owner,
        outbox::OutboxWorker,
    },
};

/// SQLite's checkpoints and, when configured, the purge.
pub(super) fn spawn_background(config: &Config, built: &mut Built, shutdown: &CancellationToken) {
    let store = &built.state.store;
    if store.backend() == "sqlite" {
        built.tasks.push(tokio::spawn(crate::worker::checkpoint::run(store.clone(), shutdown.clone())));
    }
    if config.settings.retention.purge_every_hours > 0 {
        built.tasks.push(tokio::spawn(crate::worker::purge::run(
            store.clone(),
            config.settings.retention.clone(),
            config.settings.staff.clone(),
            shutdown.clone(),
        )));
    }
}

/// The inbox loops, the outbox sender and the heartbeat of their leases, as one task that
/// ends when they all have.
pub(super) async fn spawn_workers(
    config: &Config,
    built: &Built,
    shutdown: &CancellationToken,
) -> Result<JoinHandle<()>, StartError> {
    let (store, metrics) = (&built.state.store, &built.state.metrics);
    let settings = &config.settings.workers;
    if store.backend() == "sqlite" {
        // SQLite serves one instance (`lock::serving_lock`): any lease in the file is a
        // killed process's, and its work is taken over now rather than after the lease
        // runs out.
        let (inbox, outbox) = store.take_over_leases().await?;
        if inbox + outbox > 0 {
            tracing::info!(inbox, outbox, "took over the leases of a process that stopped without releasing them");
        }
        metrics.inbox_leases_recovered.fetch_add(inbox, Ordering::Relaxed);
        metrics.outbox_leases_recovered.fetch_add(outbox, Ordering::Relaxed);
    }
    let owner = lease_owner();
    let _ = metrics.lease_owner.set(owner.clone());
    let sender_owner = format!("{owner}-out");
    let handler = Arc::new(conversation_service(config, built));
    let mut workers = Vec::new();
    let (handoff_tx, handoff_rx) = mpsc::channel(4096);
    // Several claim-handle-commit loops, so one batch's database round trips overlap
    // with another's handling. The claim keeps each resident's events in order across
    // loops just as across instances.
    let mut owners: Vec<String> = (0..settings.inbox_loops).map(|i| format!("{owner}-{i}")).collect();
    for inbox_owner in &owners {
        let inbox = InboxWorker {
            handoff: Some(Handoff { owner: sender_owner.clone(), rows: handoff_tx.clone() }),
            live: Some(built.live.clone()),
            store: store.clone(),
            handler: handler.clone(),
            metrics: metrics.clone(),
            settings: settings.clone(),
            owner: inbox_owner.clone(),
            wake_self: built.wake_inbox.clone(),
            wake_outbox: built.wake_outbox.clone(),
            clock: built.clock.clone(),
        };
        workers.push(tokio::spawn(inbox.run(shutdown.clone())));
    }
    drop(handoff_tx);
    owners.push(sender_owner.clone());
    let outbox = OutboxWorker {
        handoff: Some(handoff_rx),
        live: Some(built.live.clone()),
        store: store.clone(),
        client: built.state.client.clone(),
        metrics: metrics.clone(),
        settings: settings.clone(),
        line: config.settings.line.clone(),
        owner: sender_owner,
        wake: built.wake_outbox.clone(),
    };
    workers.push(tokio::spawn(outbox.run(shutdown.clone())));
    workers.push(tokio::spawn(alert_worker(config, built).run(shutdown.clone())));
    // The heartbeat outlives the workers: a sender finishing its calls to LINE after
    // shutdown began still holds its rows.
    let beat_stop = CancellationToken::new();
    let beat = crate::worker::lease::run(store.clone(), owners, settings.clone(), metrics.clone(), beat_stop.clone());
    let beat = tokio::spawn(beat);
    Ok(tokio::spawn(async move {
        for w in workers {
            let _ = w.await;
        }
        beat_stop.cancel();
        let _ = beat.await;
    }))
}

/// Re-sends and escalates alerts nobody acknowledged, on the inbox's clock.
fn alert_worker(config: &Config, built: &Built) -> AlertWorker {
    AlertWorker {
        store: built.state.store.clone(),
        settings: config.settings.alerts.clone(),
        hours: config.settings.hours.schedule.clone(),
        text: built.staff_text.clone(),
        dashboard_url: built.public_url.clone(),
        metrics: built.state.metrics.clone(),
        clock: built.clock.clone(),
        wake_outbox: built.wake_outbox.clone(),
        every: std::time::Duration::from_millis(config.settings.workers.poll_millis),
    }
}

/// The conversation service the inbox workers run for each event.
fn conversation_service(config: &Config, built: &Built) -> ConversationService {
    let mut settings = config.settings.clone();
    if built.fake.is_some() && settings.centre.phone.is_none() {
        // Local mode only: a number that is obviously not real.
        settings.centre.phone = Some("000-0000-0000".into());
    }
    ConversationService {
        locales: built.locales.clone(),
        settings: Arc::new(settings),
        crisis: built.state.crisis.clone(),
        client: built.state.client.clone(),
        staff_text: built.staff_text.clone(),
        dashboard_url: built.public_url.clone(),
        desk: built.state.desk.clone(),
    }
}

/// The HTTP server, until shutdown.
pub(super) fn serve(listener: TcpListener, router: Router, shutdown: CancellationToken) -> JoinHandle<()> {
    tokio::spawn(async move {
        // The peer address is needed to rate-limit logins per client.
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        let served =
            axum::serve(listener, service).with_graceful_shutdown(async move { shutdown.cancelled().await }).await;
        if let Err(e) = served {
            tracing::error!(error = %e, "HTTP server failed");
        }
    })
}
