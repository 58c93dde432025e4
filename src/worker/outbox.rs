//! The outbox sender: claims rows (the oldest of each chat, leased), delivers them to LINE
//! and records the result. Up to `send_concurrency` calls are in flight; results are
//! written in batches.
//!
//! Delivery rules (Messaging API reference, "Send reply message", "Send push message" and
//! "Status codes"; LINE Developers, "Retrying an API request"; what the official SDKs' issues
//! report, e.g. line-bot-sdk-python #328, a reply retried after a timeout):
//! - the reply token is tried only on a row's first claim and while fresh; a failed reply
//!   (invalid token, timeout, anything) falls back to push in the same attempt;
//! - push always carries the row's retry key, the same on every attempt, so a retry after
//!   a timeout or a crash is accepted at most once; a 409 means an earlier attempt landed;
//! - 429 "monthly limit" is not retried (it would not pass before the month ends); other
//!   429s, 5xx, timeouts and connection errors are retried with backoff and jitter,
//!   honouring `Retry-After`, for as long as LINE keeps the retry key;
//! - other 4xx are permanent: recorded with LINE's own words.
//!
//! A rich-menu link row (`kind = 'richmenu-link'`, a resident's language chosen) is sent with
//! "Link rich menu to user" instead: linking again is harmless, so it needs no retry key, and
//! it is retried and given up by the same rules.

use std::{sync::Arc, time::Duration};

use serde_json::value::RawValue;
use tokio::sync::{mpsc, Notify, Semaphore};
use tokio_util::sync::CancellationToken;

use crate::{
    clock::now_ms,
    config::{LineSettings, WorkerSettings},
    ids::{ChatId, LineUserId},
    line::client::{LineClient, LineError, PushOutcome},
    live::{Change, Live},
    metrics::Metrics,
    store::{OutboxResult, OutboxRow, SentVia, Store, LINK_KIND},
    worker::backoff,
};

pub struct OutboxWorker {
    /// Rows the inbox worker wrote and leased to this sender (`owner`) in its transaction.
    pub handoff: Option<mpsc::Receiver<OutboxRow>>,
    pub store: Store,
    pub client: LineClient,
    pub metrics: Arc<Metrics>,
    pub settings: WorkerSettings,
    pub line: LineSettings,
    pub owner: String,
    pub wake: Arc<Notify>,
    /// Staff pages hear about the delivery of staff messages and alerts, and of failures.
    pub live: Option<Live>,
}

impl OutboxWorker {
    pub async fn run(mut self, shutdown: CancellationToken) {
        let mut handoff = self.handoff.take();
        let this = Arc::new(self);
        let permits = Arc::new(Semaphore::new(this.settings.send_concurrency as usize));
        let (results_tx, results_rx) = mpsc::channel::<Delivery>(4096);
        let recorder = tokio::spawn(record_results(this.clone(), results_rx));
        let poll = Duration::from_millis(this.settings.poll_millis);
        loop {
            if shutdown.is_cancelled() {
                break;
            }
            let free = permits.available_permits().min(this.settings.batch_size as usize);
            let claimed = if free == 0 {
                Vec::new()
            } else {
                let now = now_ms();
                let lease_until = now + this.settings.lease_seconds as i64 * 1000;
                match this.store.claim_outbox(&this.owner, now, lease_until, free as i64).await {
                    Ok(rows) => rows,
                    Err(e) => {
                        tracing::error!(error = %e, "claiming outbox rows failed");
                        Vec::new()
                    }
                }
            };
            let mut rows = claimed;
            if let Some(rx) = handoff.as_mut() {
                while let Ok(row) = rx.try_recv() {
                    rows.push(row);
                }
            }
            if rows.is_empty() {
                let handed = async {
                    match handoff.as_mut() {
                        Some(rx) => rx.recv().await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    _ = shutdown.cancelled() => break,
                    _ = this.wake.notified() => {}
                    _ = tokio::time::sleep(poll) => {}
                    Some(row) = handed => rows.push(row),
                }
                if rows.is_empty() {
                    continue;
                }
            }
            for row in rows {
                let permit = permits.clone().acquire_owned().await.expect("semaphore never closed");
                let this = this.clone();
                let results_tx = results_tx.clone();
                tokio::spawn(async move {
                    let (id, created_at) = (row.id, row.created_at);
                    // Staff watch their own messages and alerts, and any failure.
                    let watched = row.source_event.is_none().then(|| row.chat_id.clone());
                    let chat = row.chat_id.clone();
                    let result = this.deliver(row).await;
                    let watched = watched.or_else(|| matches!(result, OutboxResult::Failed { .. }).then_some(chat));
                    if matches!(result, OutboxResult::Sent { .. }) {
                        let waited = (now_ms() - created_at).max(0) as u64;
                        this.metrics.outbox_delivery.observe(Duration::from_millis(waited));
                    }
                    let _ = results_tx.send((id, result, watched)).await;
                    drop(permit);
                });
            }
        }
        // Let calls in flight finish and their results be written: a result lost here
        // would leave a row to be sent again after its lease expires.
        let _ = permits.acquire_many(this.settings.send_concurrency).await;
        drop(results_tx);
        let _ = recorder.await;
        tracing::debug!("outbox worker stopped");
    }

    /// One delivery attempt for one row.
    pub async fn deliver(&self, row: OutboxRow) -> OutboxResult {
        if row.kind == LINK_KIND {
            return self.link(&row).await;
        }
        let m = &self.metrics;
        let messages = match RawValue::from_string(row.messages.clone()) {
            Ok(v) => v,
            Err(e) => {
                return OutboxResult::Failed {
                    error: format!("stored messages are not JSON ({})", crate::redact::json_error_summary(&e)),
                    first_push_at: None,
                }
            }
        };
        let now = now_ms();
        if let Some(token) = row.reply_token_usable(now) {
            match self.client.reply(token, &messages).await {
                Ok(()) => return OutboxResult::Sent { via: SentVia::Reply, first_push_at: None },
                Err(e) => {
                    Metrics::inc(&m.outbox_reply_fallbacks);
                    tracing::info!(row = row.id, reason = %reply_failure(&e), "reply failed, pushing instead");
                }
            }
        }
        let now = now_ms();
        let first_push_at = row.first_push_at.unwrap_or(now);
        let window = self.line.retry_window_hours as i64 * 3_600_000;
        if now - first_push_at > window {
            return OutboxResult::Failed {
                error: "gave up: LINE keeps a retry key 24 hours; retrying later could deliver twice".into(),
                first_push_at: Some(first_push_at),
            };
        }
        let first_push_at = Some(first_push_at);
        match self.client.push(&row.chat_id, &messages, &row.retry_key).await {
            Ok(PushOutcome::Accepted) => OutboxResult::Sent { via: SentVia::Push, first_push_at },
            Ok(PushOutcome::AlreadyAccepted) => OutboxResult::Sent { via: SentVia::PushAlreadyAccepted, first_push_at },
            Err(LineError::Api(e)) if e.is_monthly_limit() => {
                Metrics::inc(&m.line_monthly_limit);
                tracing::error!(row = row.id, "LINE monthly message limit reached: push refused, not retried");
                OutboxResult::Failed { error: e.describe(), first_push_at }
            }
            Err(LineError::Api(e)) if !e.is_transient() => {
                tracing::warn!(row = row.id, status = e.status, "push refused by LINE");
                OutboxResult::Failed { error: e.describe(), first_push_at }
            }
            Err(e) => {
                tracing::info!(row = row.id, attempts = row.attempts.max(1), error = %e, "push will be retried");
                OutboxResult::Retry { at: self.retry_at(&row, &e), error: e.to_string(), first_push_at }
            }
        }
    }
}

impl OutboxWorker {
    /// When a row LINE did not take for a passing reason is tried again: backoff by its
    /// attempts, and never before LINE's `Retry-After`.
    fn retry_at(&self, row: &OutboxRow, e: &LineError) -> i64 {
        let attempts = row.attempts.max(1) as u32;
        let mut delay = backoff(attempts, Duration::from_secs(1), Duration::from_secs(self.line.max_backoff_seconds));
        if let Some(after) = e.api().and_then(|a| a.retry_after) {
            delay = delay.max(after);
        }
        now_ms() + delay.as_millis() as i64
    }

    /// `POST /v2/bot/user/{userId}/richmenu/{richMenuId}` for a link row.
    async fn link(&self, row: &OutboxRow) -> OutboxResult {
        let Ok(user) = LineUserId::parse(row.chat_id.as_str()) else {
            return OutboxResult::Failed { error: "a rich menu is linked to a user only".into(), first_push_at: None };
        };
        match self.client.link_rich_menu(&user, &row.messages).await {
            Ok(()) => OutboxResult::Sent { via: SentVia::RichMenuLink, first_push_at: None },
            Err(LineError::Api(e)) if !e.is_transient() => {
                tracing::warn!(row = row.id, status = e.status, "rich menu link refused by LINE");
                OutboxResult::Failed { error: e.describe(), first_push_at: None }
            }
            Err(e) => {
                tracing::info!(row = row.id, attempts = row.attempts.max(1), error = %e, "rich menu link will be retried");
                OutboxResult::Retry { at: self.retry_at(row, &e), error: e.to_string(), first_push_at: None }
            }
        }
    }
}

fn reply_failure(e: &LineError) -> String {
    match e {
        LineError::Api(a) if a.is_invalid_reply_token() => "invalid reply token".into(),
        LineError::Api(a) => format!("status {}", a.status),
        LineError::Timeout => "timeout (outcome unknown)".into(),
        LineError::Connect(_) => "connection failed".into(),
        LineError::Other(_) => "request failed".into(),
    }
}

/// A delivery attempt's result, with the chat to tell staff pages about, if watched.
type Delivery = (i64, OutboxResult, Option<ChatId>);

/// Writes results in batches: whatever has arrived, one transaction.
async fn record_results(worker: Arc<OutboxWorker>, mut rx: mpsc::Receiver<Delivery>) {
    while let Some(first) = rx.recv().await {
        let mut deliveries = vec![first];
        while deliveries.len() < 1024 {
            match rx.try_recv() {
                Ok(r) => deliveries.push(r),
                Err(_) => break,
            }
        }
        let mut watched: Vec<ChatId> = deliveries.iter().filter_map(|(_, _, w)| w.clone()).collect();
        watched.sort();
        watched.dedup();
        let batch: Vec<(i64, OutboxResult)> = deliveries.into_iter().map(|(id, r, _)| (id, r)).collect();
        let now = now_ms();
        let m = &worker.metrics;
        for (_, r) in &batch {
            match r {
                OutboxResult::Sent { via: SentVia::Reply, .. } => Metrics::inc(&m.outbox_sent_reply),
                // A link is no message: it does not count towards pushes (nor LINE's quota).
                OutboxResult::Sent { via: SentVia::RichMenuLink, .. } => {}
                OutboxResult::Sent { .. } => Metrics::inc(&m.outbox_sent_push),
                OutboxResult::Retry { .. } => Metrics::inc(&m.outbox_retried),
                OutboxResult::Failed { .. } => Metrics::inc(&m.outbox_failed),
            }
        }
        // A failed write is retried: until it lands the rows stay leased to us, and the
        // lease is what keeps another instance from sending them again.
        let mut tries = 0;
        while let Err(e) = worker.store.finish_outbox(&worker.owner, now, &batch).await {
            tries += 1;
            tracing::error!(error = %e, tries, "recording delivery results failed");
            if tries >= 5 {
                // Given back rather than kept alive by the heartbeat: sent again later, a
                // push with its retry key is accepted once.
                let ids: Vec<i64> = batch.iter().map(|(id, _)| *id).collect();
                if let Err(e) = worker.store.release_outbox(&worker.owner, &ids).await {
                    tracing::error!(error = %e, rows = ids.len(), "giving back unrecorded rows failed");
                }
                break;
            }
            tokio::time::sleep(Duration::from_millis(200 * tries)).await;
        }
        if let Some(live) = &worker.live {
            live.publish(watched.iter().map(Change::chat).collect()).await;
        }
        worker.wake.notify_one();
    }
}
