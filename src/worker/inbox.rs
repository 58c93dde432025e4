//! The inbox worker: claims ready events (the oldest of each chat, leased, so no two are
//! handled at once by any instance), runs the application's handler, and commits each
//! event's effects in the same transaction that marks it done.

use std::{collections::HashMap, sync::Arc, time::Duration};

use futures_util::{stream, StreamExt};
use tokio::sync::{mpsc, Notify};
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::{
    clock::{now_ms, Clock},
    config::WorkerSettings,
    ids::CaseNumber,
    line::{
        event_handler::{dispatch, EventHandler},
        webhook::{self, Mode},
    },
    live::{Change, Live},
    metrics::Metrics,
    store::{ClaimNext, Effects, InboxEvent, InboxOutcome, OutboxRow, Store},
    worker::backoff,
};

/// What the application's handler produces for one event.
#[derive(Debug, Default)]
pub enum Handled {
    Effects(Box<Effects>),
    #[default]
    Nothing,
}

/// Given to the handler with each event.
#[derive(Debug, Clone)]
pub struct EventCtx {
    pub now: i64,
    pub event_key: String,
    pub store: Store,
    /// The stored conversations (state, display name) of every chat in the claimed batch,
    /// read in one query: a chat missing here has none.
    pub conversations: Arc<Conversations>,
}

/// Stored conversations by user id.
pub type Conversations = HashMap<String, crate::store::StoredConversation>;

/// Where freshly written outbox rows go: to the sender in this process, already leased to
/// it (`owner`), so the usual path costs no separate claim.
pub struct Handoff {
    pub owner: String,
    pub rows: mpsc::Sender<OutboxRow>,
}

pub struct InboxWorker<H> {
    pub handoff: Option<Handoff>,
    /// Staff pages hear about cases this worker changed.
    pub live: Option<Live>,
    pub store: Store,
    pub handler: Arc<H>,
    pub metrics: Arc<Metrics>,
    pub settings: WorkerSettings,
    pub owner: String,
    pub wake_self: Arc<Notify>,
    pub wake_outbox: Arc<Notify>,
    /// The time events are handled at (`EventCtx::now`): the wall clock, unless a test set it.
    pub clock: Arc<Clock>,
}

impl<H> InboxWorker<H>
where
    H: EventHandler<Context = EventCtx, Output = Handled> + 'static,
    H::Error: std::fmt::Display,
{
    pub async fn run(self, shutdown: CancellationToken) {
        let poll = Duration::from_millis(self.settings.poll_millis);
        // The batch the last round claimed when it committed, to handle next.
        let mut next = Vec::new();
        // A failed round's batch is no longer known here, and the heartbeat would keep its
        // leases alive: they are given back before the next claim (until that succeeds).
        let mut give_back = false;
        loop {
            if shutdown.is_cancelled() {
                break;
            }
            if give_back {
                match self.store.release_owned(&self.owner).await {
                    Ok(_) => give_back = false,
                    Err(e) => tracing::error!(error = %e, "giving back a failed round's events failed"),
                }
            }
            let worked = match self.round(std::mem::take(&mut next), &shutdown).await {
                Ok((n, claimed)) => {
                    next = claimed;
                    n > 0
                }
                Err(e) => {
                    tracing::error!(error = %e, "inbox round failed");
                    give_back = true;
                    false
                }
            };
            if !worked {
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = self.wake_self.notified() => {}
                    _ = tokio::time::sleep(poll) => {}
                }
            }
        }
        if !next.is_empty() {
            // Claimed as shutdown began: given back, so a restart need not wait out the lease.
            let seqs: Vec<i64> = next.iter().map(|e| e.seq).collect();
            if let Err(e) = self.store.release_inbox(&self.owner, &seqs).await {
                tracing::warn!(error = %e, events = seqs.len(), "releasing claimed events failed; their leases will expire");
            }
        }
        tracing::debug!("inbox worker stopped");
    }

    /// Handles one batch (`claimed`, or a fresh claim when it is empty) and commits it,
    /// claiming the next batch in the same transaction unless shutdown has begun. Returns
    /// how many events it handled and the next batch.
    pub async fn round(
        &self,
        claimed: Vec<InboxEvent>,
        shutdown: &CancellationToken,
    ) -> Result<(usize, Vec<InboxEvent>), crate::store::StoreError> {
        let limit = i64::from(self.settings.batch_size);
        let claimed = if claimed.is_empty() {
            let now = now_ms();
            let lease_until = now + self.settings.lease_seconds as i64 * 1000;
            self.store.claim_inbox(&self.owner, now, lease_until, limit).await?
        } else {
            claimed
        };
        if claimed.is_empty() {
            return Ok((0, Vec::new()));
        }
        let n = claimed.len();
        let chats: Vec<&str> = claimed.iter().map(|e| e.chat_key.as_str()).collect();
        let conversations = Arc::new(self.store.conversations_for(&chats).await?);
        // The claim holds at most one event per chat, so they may run side by side.
        let results: Vec<(i64, InboxOutcome, i64)> = stream::iter(claimed)
            .map(|ev| {
                let conversations = conversations.clone();
                async move {
                    let received_at = ev.received_at;
                    let seq = ev.seq;
                    (seq, self.handle(ev, conversations).await, received_at)
                }
            })
            .buffer_unordered(64)
            .collect()
            .await;
        let m = &self.metrics;
        let mut finished = Vec::with_capacity(n);
        let done_at = now_ms();
        for (seq, outcome, received_at) in results {
            match &outcome {
                InboxOutcome::Done(_) => Metrics::inc(&m.events_handled),
                InboxOutcome::Skipped(_) => Metrics::inc(&m.events_skipped),
                InboxOutcome::Retry { .. } => Metrics::inc(&m.events_retried),
                InboxOutcome::Failed(_) => Metrics::inc(&m.events_failed),
            }
            if !matches!(outcome, InboxOutcome::Retry { .. }) {
                m.event_handling.observe(Duration::from_millis((done_at - received_at).max(0) as u64));
            }
            finished.push((seq, outcome));
        }
        let now = now_ms();
        let lease_until = now + self.settings.lease_seconds as i64 * 1000;
        let handoff = self.handoff.as_ref().map(|h| (h.owner.as_str(), lease_until));
        // Decided now, after handling: a worker told to stop meanwhile claims nothing more.
        let next = (!shutdown.is_cancelled()).then_some(ClaimNext { lease_until, limit });
        let done = self.store.finish_inbox(&self.owner, now, finished, handoff, next).await?;
        let written = done.written;
        for _ in 0..done.refused {
            Metrics::inc(&m.case_writes_refused);
        }
        if let Some(h) = &self.handoff {
            for row in done.handed {
                // If the sender is gone (shutting down), the lease expires and a claim
                // picks the row up later.
                let _ = h.rows.send(row).await;
            }
        }
        if let Some(live) = &self.live {
            live.publish(
                done.cases.iter().filter_map(|n| CaseNumber::parse(n).ok()).map(|n| Change::case(&n)).collect(),
            )
            .await;
        }
        if written > 0 {
            self.wake_outbox.notify_one();
        }
        Ok((n, done.claimed))
    }

    async fn handle(&self, ev: InboxEvent, conversations: Arc<Conversations>) -> InboxOutcome {
        let event = match webhook::parse_event(&ev.raw) {
            Ok(e) => e,
            Err(_) => return InboxOutcome::Skipped("not a JSON object"),
        };
        // "standby: the bot server that received this webhook event shouldn't send any
        // messages" (EventBase.mode): stored, never acted on.
        if event.meta.mode != Mode::Active {
            return InboxOutcome::Skipped("channel in standby mode");
        }
        let ctx = EventCtx {
            now: self.clock.now(),
            event_key: ev.event_key.clone(),
            store: self.store.clone(),
            conversations,
        };
        let span = tracing::info_span!("event", key = %ev.event_key, kind = %ev.event_type);
        match dispatch(self.handler.as_ref(), &ctx, &event).instrument(span).await {
            Ok(Handled::Effects(effects)) => InboxOutcome::Done(effects),
            Ok(Handled::Nothing) => InboxOutcome::Skipped("nothing to do for this event"),
            Err(e) => {
                let attempts = ev.attempts.max(1) as u32;
                tracing::warn!(key = %ev.event_key, attempts, error = %e, "handling an event failed");
                if attempts >= self.settings.max_handling_attempts {
                    InboxOutcome::Failed(e.to_string())
                } else {
                    let delay = backoff(attempts, Duration::from_millis(500), Duration::from_secs(60));
                    InboxOutcome::Retry { error: e.to_string(), at: now_ms() + delay.as_millis() as i64 }
                }
            }
        }
    }
}
